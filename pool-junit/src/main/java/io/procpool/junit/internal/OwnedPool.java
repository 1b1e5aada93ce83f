package io.procpool.junit.internal;

import io.procpool.Pool;
import io.procpool.WorkerStats;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** A pool the extension built, and closes: gracefully, but never waiting forever for its tasks. */
final class OwnedPool {
  private final Pool pool;

  OwnedPool(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** The pids of its worker processes now, for the leak check; none if the pool cannot say. */
  List<Long> workerPids() {
    try {
      return pool.stats().workers().stream().map(WorkerStats::pid).filter(pid -> pid > 0).collect(Collectors.toList());
    } catch (RuntimeException statsNotAvailable) {
      return List.of();
    }
  }

  /**
   * Closes the pool: every accepted task finishes and the workers exit. If that takes longer than
   * {@code timeout} (a test left a task that never ends), terminates it instead and says so.
   *
   * @return what went wrong, if anything
   */
  Optional<String> close(Duration timeout) throws InterruptedException {
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    // Not named procpool-: it is the extension's, not the pool's, and the leak check must not see it.
    Thread closer = new Thread(() -> {
      try {
        pool.close();
      } catch (RuntimeException e) {
        failed.set(e);
      }
    }, "pool-junit-close");
    closer.setDaemon(true);
    closer.start();
    closer.join(timeout.toMillis());
    if (closer.isAlive()) {
      pool.terminate();
      closer.join(timeout.toMillis());
      return Optional.of("the pool's tasks were still running " + timeout.toMillis()
          + " ms after the test, so it was terminated instead of closed");
    }
    return Optional.ofNullable(failed.get()).map(e -> "closing the pool threw " + e);
  }
}
