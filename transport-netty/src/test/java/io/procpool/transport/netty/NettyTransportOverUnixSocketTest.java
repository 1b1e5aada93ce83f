package io.procpool.transport.netty;

import io.procpool.transport.netty.NettyTransportOptions.SocketKind;

class NettyTransportOverUnixSocketTest extends NettyTransportTest {
  @Override
  SocketKind socketKind() {
    return SocketKind.UNIX_DOMAIN;
  }
}
