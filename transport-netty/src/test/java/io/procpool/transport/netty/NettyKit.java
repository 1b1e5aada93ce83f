package io.procpool.transport.netty;

import com.google.inject.Module;
import io.procpool.spi.Transport;
import io.procpool.tck.Impostor;
import io.procpool.tck.TransportTestKit;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;
import io.procpool.transport.netty.NettyTransportOptions.Tls;
import java.time.Duration;

/**
 * What the kit needs to know of Netty. The kit runs once per kind of socket, each time in its two
 * halves, so four classes share this: the calls ({@code KitCalls}) and the faults and life cycle
 * ({@code KitFaultsAndLifecycle}), over a Unix socket and over TCP with TLS.
 */
abstract class NettyKit implements TransportTestKit {
  /**
   * The kit's silent stranger waits out this deadline (the default, 10 s, made that one test the
   * longest of the kit); a worker proves itself within milliseconds of connecting, and the
   * rejected-connection tests run two real workers under a shorter one still.
   */
  private static final Duration AUTH_DEADLINE = Duration.ofSeconds(3);

  abstract SocketKind socketKind();

  /** Plain but where a subclass asks for TLS. */
  Tls tls() {
    return Tls.UNLESS_LOOPBACK;
  }

  @Override
  public Module transportModule() {
    return new NettyTransportModule(options().build());
  }

  @Override
  public Module transportModuleWithFrameLimit(int maxFrameBytes) {
    return new NettyTransportModule(options().maxFrameBytes(maxFrameBytes).build());
  }

  private NettyTransportOptions.Builder options() {
    return NettyTransportOptions.builder().socketKind(socketKind()).tls(tls()).authDeadline(AUTH_DEADLINE);
  }

  /** The transport's module makes a {@link NettyTransport}; its listening address is readable here, for tests. */
  @Override
  public Impostor impostor(Transport transport) {
    return new NettyImpostor((NettyTransport) transport);
  }
}
