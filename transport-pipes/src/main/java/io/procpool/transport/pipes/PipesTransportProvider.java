package io.procpool.transport.pipes;

import com.google.inject.Module;
import io.procpool.spi.TransportProvider;

/** Finds the pipes transport by the name {@code pipes}; the default, as it needs nothing else. */
public final class PipesTransportProvider implements TransportProvider {
  @Override
  public String name() {
    return "pipes";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Module module() {
    return new PipesTransportModule();
  }
}
