package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.procpool.core.internal.pool.TransportSelector;
import io.procpool.spi.Transport;
import io.procpool.spi.TransportProvider;
import java.time.Duration;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** How users find and configure the transport: by name, by property, by module and options. */
class NettyTransportProviderTest {

  @Test
  void serviceLoaderFindsItAsNettyBelowPipesPriority() {
    TransportProvider netty = ServiceLoader.load(TransportProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(provider -> provider.name().equals("netty"))
        .findFirst().orElseThrow();
    assertTrue(netty.isAvailable());
    assertEquals(5, netty.priority());
    assertInstanceOf(NettyTransportModule.class, netty.module());
  }

  @Test
  void poolsFindItByNameOrBySystemProperty() {
    assertInstanceOf(NettyTransportModule.class, TransportSelector.select("netty"));
    String before = System.getProperty(TransportSelector.TRANSPORT_PROPERTY);
    System.setProperty(TransportSelector.TRANSPORT_PROPERTY, "netty");
    try {
      assertInstanceOf(NettyTransportModule.class, TransportSelector.select(null));
    } finally {
      if (before == null) {
        System.clearProperty(TransportSelector.TRANSPORT_PROPERTY);
      } else {
        System.setProperty(TransportSelector.TRANSPORT_PROPERTY, before);
      }
    }
  }

  @Test
  void moduleBindsTheTransportAndOpensNothing() {
    Transport transport = Guice.createInjector(new NettyTransportModule()).getInstance(Transport.class);
    NettyTransport netty = assertInstanceOf(NettyTransport.class, transport);
    assertNull(netty.listeningAddress(), "the module or the injector opened a socket");
    transport.shutdown();
  }

  @Test
  void optionsDefaultToAUnixSocketTenSecondsAnd256MiB() {
    NettyTransportOptions defaults = NettyTransportOptions.defaults();
    assertEquals(NettyTransportOptions.SocketKind.UNIX_DOMAIN, defaults.socketKind());
    assertEquals(Duration.ofSeconds(10), defaults.authDeadline());
    assertEquals(256 * 1024 * 1024, defaults.maxFrameBytes());
  }

  @Test
  void badOptionsAreRefusedNamingTheOptionAndValue() {
    IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
        () -> NettyTransportOptions.builder().maxFrameBytes(100));
    assertTrue(tooSmall.getMessage().contains("maxFrameBytes") && tooSmall.getMessage().contains("100"), tooSmall.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> NettyTransportOptions.builder().authDeadline(Duration.ZERO));
    assertTrue(zero.getMessage().contains("authDeadline"), zero.getMessage());
  }
}
