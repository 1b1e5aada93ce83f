package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The transport under test with a {@link ConnectionRecord} on every connection, for one pool:
 * {@link #module()} is the transport's own module with this in place of its {@link Transport},
 * so its other bindings (a {@code WorkerLauncher} of its own) stay as they are.
 */
final class RecordingTransport implements Transport {
  private final Transport transport;
  private final Module module;
  private final List<ConnectionRecord> records = new ArrayList<>();
  private final AtomicInteger shutdowns = new AtomicInteger();

  /** The transport as its module makes it, recorded. */
  RecordingTransport(Module transportModule) {
    this.transport = KitLaunch.transportOf(transportModule);
    this.module = Modules.override(transportModule).with(binder -> binder.bind(Transport.class).toInstance(this));
  }

  Module module() {
    return module;
  }

  @Override
  public void configure(WorkerLaunchSpec spec) {
    transport.configure(spec);
  }

  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    ConnectionRecord record = new ConnectionRecord(worker, listener);
    synchronized (this) {
      records.add(record);
    }
    return transport.connect(worker, record);
  }

  @Override
  public void shutdown() {
    shutdowns.incrementAndGet();
    transport.shutdown();
  }

  synchronized List<ConnectionRecord> records() {
    return List.copyOf(records);
  }

  int shutdowns() {
    return shutdowns.get();
  }

  /** Waits (up to {@code patience}) for every connection's onClosed, then asserts each kept the promises. */
  void assertEveryConnectionClosedOnceAndLast(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    for (ConnectionRecord record : records()) {
      record.awaitClosed(deadline);
    }
    Map<String, List<String>> problems = records().stream()
        .filter(record -> !record.problems().isEmpty())
        .collect(Collectors.toMap(ConnectionRecord::toString, ConnectionRecord::problems));
    assertEquals(Map.of(), problems, "connections that broke the SPI's promises");
  }
}
