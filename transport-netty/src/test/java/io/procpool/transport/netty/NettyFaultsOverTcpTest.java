package io.procpool.transport.netty;

import io.procpool.tck.KitFaultsAndLifecycle;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;

/** The kit's second half, faults and life cycle, over TCP on loopback. */
class NettyFaultsOverTcpTest extends NettyKit implements KitFaultsAndLifecycle {
  @Override
  SocketKind socketKind() {
    return SocketKind.TCP_LOOPBACK;
  }
}
