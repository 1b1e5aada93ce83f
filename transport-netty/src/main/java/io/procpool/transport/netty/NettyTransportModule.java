package io.procpool.transport.netty;

import com.google.inject.AbstractModule;
import io.procpool.spi.Transport;
import java.util.Objects;

/**
 * Selects the Netty transport: workers connect back to the pool over a local socket and prove
 * they know the pool's secret before anything else is said. Their standard output and error
 * stay the pool's own (inherited), so what tasks print appears directly.
 *
 * <p>Only binds: the listening socket is opened when the pool connects its first worker, and
 * closed, with its private directory, when the pool has ended.
 */
public final class NettyTransportModule extends AbstractModule {
  private final NettyTransportOptions options;

  /** With {@link NettyTransportOptions#defaults()}. */
  public NettyTransportModule() {
    this(NettyTransportOptions.defaults());
  }

  /**
   * With options of your own, such as TCP loopback instead of a Unix domain socket.
   *
   * @param options how the transport listens and what it accepts
   */
  public NettyTransportModule(NettyTransportOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  protected void configure() {
    bind(NettyTransportOptions.class).toInstance(options);
    // A provider, not a class binding, spares a cold parent Guice's class generation (see the core's CoreModule).
    bind(Transport.class).toProvider(() -> new NettyTransport(options));
  }
}
