package io.procpool.transport.inprocess;

import com.google.inject.Module;
import io.procpool.spi.TransportProvider;

/**
 * Finds the in-process transport by the name {@code inprocess}. Never the default: a pool that
 * names no transport expects worker processes.
 */
public final class InProcessTransportProvider implements TransportProvider {
  @Override
  public String name() {
    return "inprocess";
  }

  @Override
  public int priority() {
    return -1;
  }

  @Override
  public Module module() {
    return new InProcessTransportModule();
  }
}
