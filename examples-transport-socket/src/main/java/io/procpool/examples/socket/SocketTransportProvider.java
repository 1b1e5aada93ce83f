package io.procpool.examples.socket;

import com.google.inject.Module;
import io.procpool.spi.TransportProvider;

/**
 * Finds the example by the name {@code socket-example} ({@code -Dprocpool.transport=socket-example}).
 * Its priority is the lowest, so it is never taken unless asked for by name.
 */
public final class SocketTransportProvider implements TransportProvider {
  @Override
  public String name() {
    return "socket-example";
  }

  @Override
  public int priority() {
    return 1;
  }

  @Override
  public Module module() {
    return new SocketTransportModule();
  }
}
