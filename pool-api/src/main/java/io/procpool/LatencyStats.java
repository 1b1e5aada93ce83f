package io.procpool;

import java.time.Duration;

/**
 * The distribution of one kind of time in a {@link PoolStats} snapshot, over every task a worker
 * answered since the pool was built (not those lost with their worker, nor those that never ran).
 * Percentiles are accurate to about 1%; all are {@link Duration#ZERO} while
 * {@code count} is 0.
 *
 * @param count the number of tasks measured
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the longest
 */
public record LatencyStats(long count, Duration p50, Duration p90, Duration p99, Duration max) {

  /** No task measured yet. */
  public static final LatencyStats NONE =
      new LatencyStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
}
