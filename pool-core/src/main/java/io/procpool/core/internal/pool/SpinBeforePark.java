package io.procpool.core.internal.pool;

import java.util.concurrent.Future;
import java.util.function.IntSupplier;

/**
 * A caller about to wait for a result first spins a little. An answer from a worker that is
 * already running the task comes within tens of microseconds, and a parked caller costs a futex
 * sleep on its side and a wake-up on the transport's reader, which delivers the answer: a warm
 * {@code apply} on pipes took a median of 31 us parked at once and 19 us after spinning (the
 * medians of 4 runs each; bench/LOG.md, "A waiting caller spins before it parks").
 *
 * <p>A spin takes a CPU from the workers, the reader and everything else on the machine, so it is
 * given only where it pays: while the pool has no more unfinished tasks than half the CPUs (with
 * every caller spinning, imap and 20k applyAsync ran slower on 2 cores), and while spins mostly
 * end with the result on a CPU nobody else wanted. Spins that run out (tasks longer than a spin)
 * or whose yields gave the CPU away ({@link #BUSY_TURN_NANOS}) use up the pool's credit, and the
 * pool then parks at once, trying one spin again every {@link #PROBE_EVERY} waits.
 */
final class SpinBeforePark {
  /** The longest spin; past it the caller parks as before. */
  static final long MAX_SPIN_NANOS = 100_000;
  /** Spins in credit at most: how many run-out spins in a row it takes to stop spinning. */
  static final int MAX_CREDIT = 8;
  /** Waits that park at once, with no credit, before one spin is tried again. */
  static final int PROBE_EVERY = 4096;
  /**
   * A turn of the spin that takes longer on average means its yield handed the CPU to another
   * thread: the machine has more to run than CPUs, and a parked caller, woken when its answer
   * comes, is served sooner than one that yielded (under two busy processes on 2 cores, 20,000
   * applies that always spun took 2.3x as long as parked ones; with this check, as long).
   */
  static final long BUSY_TURN_NANOS = 10_000;
  /**
   * The shortest timed wait that spins. A yield on a busy CPU may not return for a scheduler's
   * slice: 200 waits of 20 us, a build beside them, had a p90 of 125-574 us with a spin and
   * 108-134 us parked (bench/LOG.md).
   */
  static final long SHORTEST_TIMED_SPIN_WAIT_NANOS = 10_000_000;
  /** The most unfinished tasks at which a caller still spins: a worker and a caller each, a CPU each. */
  private static final int MAX_UNFINISHED = Runtime.getRuntime().availableProcessors() / 2;

  private final IntSupplier unfinished;
  // Read and written by every waiting caller without a lock: a lost update only moves a guess.
  private int credit = MAX_CREDIT;
  private int parkedWithoutSpin;

  /** For a pool whose count of accepted, uncompleted tasks is {@code unfinished}. */
  SpinBeforePark(IntSupplier unfinished) {
    this.unfinished = unfinished;
  }

  /**
   * Spins until {@code future} is done, for at most {@link #MAX_SPIN_NANOS}, if spinning is worth
   * it now and the caller would wait {@code maxNanos} or more (no spin for a short timed wait);
   * returns at once otherwise, and at an interrupt. The caller then waits its usual way.
   */
  void before(Future<?> future, long maxNanos) {
    // the count takes the scheduler's lock: asked last, and not at all while spins do not pay
    if (maxNanos < SHORTEST_TIMED_SPIN_WAIT_NANOS || future.isDone() || !hasCredit()
        || unfinished.getAsInt() > MAX_UNFINISHED) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + Math.min(maxNanos, MAX_SPIN_NANOS);
    int turns = 0;
    boolean done;
    while (!(done = future.isDone()) && System.nanoTime() - deadline < 0
        && !Thread.currentThread().isInterrupted()) {
      Thread.yield();
      turns++;
    }
    done = done || future.isDone(); // a last look: it may have come while this thread was off its CPU
    if (Thread.currentThread().isInterrupted()) {
      return; // not the spin's failure
    }
    boolean cpuWasFree = turns == 0 || (System.nanoTime() - start) / turns < BUSY_TURN_NANOS;
    credit = done && cpuWasFree ? Math.min(credit + 1, MAX_CREDIT) : credit - 1;
  }

  private boolean hasCredit() {
    if (credit > 0) {
      return true;
    }
    if (++parkedWithoutSpin >= PROBE_EVERY) {
      parkedWithoutSpin = 0;
      credit = 1;
      return true;
    }
    return false;
  }
}
