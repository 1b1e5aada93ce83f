package io.procpool.transport.netty;

import io.procpool.transport.netty.NettyTransportOptions.SocketKind;

class RejectedConnectionsOverTcpTest extends RejectedConnectionsTest {
  @Override
  SocketKind socketKind() {
    return SocketKind.TCP_LOOPBACK;
  }
}
