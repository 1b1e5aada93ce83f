package io.procpool.transport.netty;

import io.procpool.tck.KitCalls;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;

/** The kit's first half, the calls users make, over a Unix socket. */
class NettyCallsOverUnixSocketTest extends NettyKit implements KitCalls {
  @Override
  SocketKind socketKind() {
    return SocketKind.UNIX_DOMAIN;
  }
}
