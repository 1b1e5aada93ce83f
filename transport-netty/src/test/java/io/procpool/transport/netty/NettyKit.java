package io.procpool.transport.netty;

import com.google.inject.Module;
import io.procpool.spi.Transport;
import io.procpool.tck.Impostor;
import io.procpool.tck.TransportTestKit;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;

/**
 * What the kit needs to know of Netty. The kit runs once per kind of socket, each time in its two
 * halves, so four classes share this: the calls ({@code KitCalls}) and the faults and life cycle
 * ({@code KitFaultsAndLifecycle}), over a Unix socket and over TCP.
 */
abstract class NettyKit implements TransportTestKit {

  abstract SocketKind socketKind();

  @Override
  public Module transportModule() {
    return new NettyTransportModule(NettyTransportOptions.builder().socketKind(socketKind()).build());
  }

  @Override
  public Module transportModuleWithFrameLimit(int maxFrameBytes) {
    return new NettyTransportModule(NettyTransportOptions.builder().socketKind(socketKind())
        .maxFrameBytes(maxFrameBytes).build());
  }

  /** The transport's module makes a {@link NettyTransport}; its listening address is readable here, for tests. */
  @Override
  public Impostor impostor(Transport transport) {
    return new NettyImpostor((NettyTransport) transport);
  }
}
