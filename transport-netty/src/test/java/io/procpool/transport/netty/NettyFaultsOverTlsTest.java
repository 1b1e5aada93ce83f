package io.procpool.transport.netty;

import io.procpool.tck.KitFaultsAndLifecycle;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;
import io.procpool.transport.netty.NettyTransportOptions.Tls;

/** The kit's second half, faults and life cycle, over TCP on loopback with TLS, as
 * the pool listens for workers on other machines: plain TCP differs from a Unix socket only in
 * its address, which {@code RejectedConnectionsOverTcpTest} and cluster mode's tests cover. */
class NettyFaultsOverTlsTest extends NettyKit implements KitFaultsAndLifecycle {
  @Override
  SocketKind socketKind() {
    return SocketKind.TCP_LOOPBACK;
  }

  @Override
  Tls tls() {
    return Tls.ALWAYS;
  }
}
