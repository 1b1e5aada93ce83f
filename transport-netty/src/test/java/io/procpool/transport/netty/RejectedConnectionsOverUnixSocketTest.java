package io.procpool.transport.netty;

import io.procpool.transport.netty.NettyTransportOptions.SocketKind;

class RejectedConnectionsOverUnixSocketTest extends RejectedConnectionsTest {
  @Override
  SocketKind socketKind() {
    return SocketKind.UNIX_DOMAIN;
  }
}
