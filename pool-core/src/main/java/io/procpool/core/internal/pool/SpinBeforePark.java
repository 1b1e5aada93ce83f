package io.procpool.core.internal.pool;

import java.util.function.BooleanSupplier;

/**
 * A caller about to wait for a result first spins a little. An answer from a worker that is
 * already running the task comes within tens of microseconds, and a parked caller costs a futex
 * sleep on its side and a wake-up on the transport's reader, which delivers the answer: a warm
 * {@code apply} took a median of 22-26 us parked at once and 16-18 us after spinning (bench/LOG.md,
 * "A waiting caller spins before it parks"). It spins only while few tasks are unfinished: when
 * the workers, the reader and the callers want more CPUs than there are, a spinning caller takes
 * one from them (imap and 20k applyAsync ran slower with every caller spinning). The spin yields
 * the CPU on each turn, and on one CPU there is none.
 */
final class SpinBeforePark {
  /** The longest spin; past it the caller parks as before. */
  static final long MAX_SPIN_NANOS = 100_000;
  /** The most unfinished tasks at which a caller still spins: a worker and a caller each, a CPU each. */
  private static final int MAX_UNFINISHED = Runtime.getRuntime().availableProcessors() / 2;

  private SpinBeforePark() {}

  /**
   * Returns once {@code done} is true, {@code maxNanos} (at most {@link #MAX_SPIN_NANOS}) have
   * passed, or the thread is interrupted: the caller then waits its usual way, which sees all three.
   */
  static void until(BooleanSupplier done, long maxNanos) {
    if (done.getAsBoolean()) {
      return;
    }
    long deadline = System.nanoTime() + Math.min(maxNanos, MAX_SPIN_NANOS);
    while (!done.getAsBoolean() && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
      Thread.yield();
    }
  }

  /** {@link #until(BooleanSupplier, long)} for as long as the spin may last. */
  static void until(BooleanSupplier done) {
    until(done, MAX_SPIN_NANOS);
  }

  /** Whether a caller may spin while the pool has {@code unfinished} tasks (its own among them). */
  static boolean worthIt(int unfinished) {
    return unfinished <= MAX_UNFINISHED;
  }
}
