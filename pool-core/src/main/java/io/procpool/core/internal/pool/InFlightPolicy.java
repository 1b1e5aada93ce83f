package io.procpool.core.internal.pool;

/**
 * How many tasks a worker may hold at once. Short tasks are sent ahead so a worker never waits
 * for the next one; long ones go one at a time, so a free worker is never left idle while another
 * holds a queue. The measure is a moving average of how long tasks take in the workers.
 * Guarded by the scheduler's lock.
 */
public final class InFlightPolicy {
  private long averageNanos = -1;

  void observe(long nanos) {
    averageNanos = averageNanos < 0 ? nanos : (averageNanos * 7 + nanos) / 8;
  }

  int limit() {
    if (averageNanos < 0) {
      return 2;
    }
    if (averageNanos < 200_000) {
      return 64;
    }
    return averageNanos < 5_000_000 ? 4 : 1;
  }

  /**
   * A busy worker is topped up only once it holds this many or fewer, and then up to the limit:
   * half the limit, so a worker with short tasks gets them in batches of half the limit, one
   * write each, instead of one write (and one wake-up of its reader) per task answered.
   */
  int refillAt(int limit) {
    return limit / 2;
  }
}
