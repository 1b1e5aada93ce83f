package io.procpool.transport.netty;

import com.google.inject.Module;
import io.procpool.tck.TransportCapability;
import io.procpool.tck.TransportContract;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;
import java.util.Set;

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

  /** Workers inherit this JVM's stdout and stderr, so the pool sees nothing of what they print. */
  @Override
  public Set<TransportCapability> unsupportedCapabilities() {
    return Set.of(TransportCapability.CAPTURES_OUTPUT);
  }
}
