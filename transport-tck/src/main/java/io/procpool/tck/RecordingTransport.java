package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Module;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The transport under test with a {@link ConnectionRecord} on every connection, for one pool.
 */
final class RecordingTransport extends WrappedTransport {
  private final List<ConnectionRecord> records = new ArrayList<>();
  private final AtomicInteger shutdowns = new AtomicInteger();

  /** The transport as its module makes it, recorded. */
  RecordingTransport(Module transportModule) {
    super(transportModule);
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
    super.shutdown();
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
