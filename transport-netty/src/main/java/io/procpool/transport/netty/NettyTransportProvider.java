package io.procpool.transport.netty;

import com.google.inject.Module;
import io.procpool.spi.TransportProvider;

/**
 * Finds the Netty transport by the name {@code netty}. Its priority is below the pipes
 * transport's, so a pool takes it by default only when pipes is not on the class path.
 */
public final class NettyTransportProvider implements TransportProvider {
  @Override
  public String name() {
    return "netty";
  }

  @Override
  public int priority() {
    return 5;
  }

  @Override
  public Module module() {
    return new NettyTransportModule();
  }
}
