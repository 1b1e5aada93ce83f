package io.procpool.transport.netty;

import io.procpool.transport.netty.NettyTransportOptions.SocketKind;

class NettyTransportOverTcpTest extends NettyTransportTest {
  @Override
  SocketKind socketKind() {
    return SocketKind.TCP_LOOPBACK;
  }
}
