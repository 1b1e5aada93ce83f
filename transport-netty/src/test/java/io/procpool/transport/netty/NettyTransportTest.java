package io.procpool.transport.netty;

import com.google.inject.Module;
import io.procpool.spi.Transport;
import io.procpool.tck.Impostor;
import io.procpool.tck.TransportContract;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;

/** The whole transport test kit over Netty; one subclass per kind of socket. */
abstract class NettyTransportTest implements TransportContract {

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
