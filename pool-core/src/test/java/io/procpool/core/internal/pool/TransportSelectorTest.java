package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransportSelectorTest {
  @Test
  void theProvidersAreScannedOncePerClassLoaderNotAtEveryBuild() {
    CountingLoader first = new CountingLoader();
    CountingLoader second = new CountingLoader();
    withContextLoader(first, () -> assertThrows(IllegalStateException.class, () -> TransportSelector.select(null)));
    withContextLoader(first, () -> assertThrows(IllegalArgumentException.class, () -> TransportSelector.select("x")));
    assertEquals(1, first.scans.get(), "the second pool's build found the first one's scan");
    withContextLoader(second, () -> assertThrows(IllegalStateException.class, () -> TransportSelector.select(null)));
    assertEquals(1, second.scans.get(), "another class loader is scanned for itself");
  }

  private static void withContextLoader(ClassLoader loader, Runnable action) {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      action.run();
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  /** Delegates everything, and counts the looks for transport providers. */
  private static final class CountingLoader extends ClassLoader {
    final AtomicInteger scans = new AtomicInteger();

    CountingLoader() {
      super(TransportSelectorTest.class.getClassLoader());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.equals("META-INF/services/io.procpool.spi.TransportProvider")) {
        scans.incrementAndGet();
      }
      return super.getResources(name);
    }
  }

  @Test
  void unknownNameIsAnErrorThatListsTheKnownOnes() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TransportSelector.select("carrier-pigeon"));
    assertTrue(error.getMessage().contains("carrier-pigeon") && error.getMessage().contains("known transports"),
        error.getMessage());
  }

  @Test
  void oneOfOurTransportsMissingFromTheClassPathNamesItsArtifact() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> TransportSelector.select("InProcess"));
    assertTrue(error.getMessage().startsWith(
        "Unknown procpool transport 'InProcess': add the dependency io.procpool:transport-inprocess; known transports:"),
        error.getMessage());
  }

  @Test
  void noTransportOnTheClassPathNamesTheArtifactToAdd() {
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> TransportSelector.select(null));
    assertTrue(error.getMessage().contains("io.procpool:transport-pipes"), error.getMessage());
  }
}
