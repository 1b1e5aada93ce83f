package io.procpool.junit;

import io.procpool.junit.internal.LeakWatch;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The check {@link PoolExtension} runs after each test, for code that manages its pools itself
 * (another extension, a test kit): {@link #begin()} notes the pool worker processes and pool
 * threads alive now; {@link #assertNothingOutlived} fails if one that appeared since is still
 * alive after a grace period, and kills such processes.
 *
 * <pre>{@code
 * PoolLeakCheck leaks = PoolLeakCheck.begin();
 * try (Pool pool = ProcessPool.create(2)) {
 *   pool.apply(() -> 42);
 * }
 * leaks.assertNothingOutlived(Duration.ofSeconds(10));
 * }</pre>
 */
public final class PoolLeakCheck {
  private final LeakWatch watch;

  private PoolLeakCheck(LeakWatch watch) {
    this.watch = watch;
  }

  /**
   * Begins a check: what of the pools' is alive now is not counted at its end.
   *
   * @return the check, to end with {@link #assertNothingOutlived}
   */
  public static PoolLeakCheck begin() {
    return new PoolLeakCheck(LeakWatch.begin(null));
  }

  /**
   * Ends the check: waits up to {@code grace} for the worker processes and pool threads (named
   * {@code procpool-}) that appeared since {@link #begin()} to end. A pool's callback thread
   * waiting idle for its keep-alive does not count. If other checks ran at the same time (tests
   * in parallel), what appeared cannot be told apart from theirs, and nothing is counted: end
   * every check begun, or later ones find nothing.
   *
   * @param grace how long to wait for them
   * @throws AssertionError naming each process (its pid and worker name) and thread still alive;
   *     the processes are killed first
   * @throws InterruptedException if interrupted while waiting
   */
  public void assertNothingOutlived(Duration grace) throws InterruptedException {
    List<String> left = watch.end("the check", Objects.requireNonNull(grace, "grace"));
    if (!left.isEmpty()) {
      throw new AssertionError("procpool: " + String.join("\n  - ", left));
    }
  }

  /**
   * The live descendants of this JVM that are pool workers (started with
   * {@code -Dprocpool.worker.name=}).
   *
   * @return their handles, in no particular order
   */
  public static List<ProcessHandle> liveWorkers() {
    return LeakWatch.liveWorkers();
  }
}
