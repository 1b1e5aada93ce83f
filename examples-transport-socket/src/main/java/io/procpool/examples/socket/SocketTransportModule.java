package io.procpool.examples.socket;

import com.google.inject.AbstractModule;
import io.procpool.spi.Transport;

/**
 * Selects the example socket transport: {@code ProcessPool.builder().transport(new
 * SocketTransportModule())}. Only binds, as every transport module must.
 */
public final class SocketTransportModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(Transport.class).to(SocketTransport.class);
  }
}
