package io.procpool.core.internal.pool;

import io.procpool.LatencyStats;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One kind of time (queue wait, run time) over every task since the pool was built, in
 * nanoseconds, to two significant digits (1%). Recording is wait-free ({@link Recorder}: a few
 * atomic increments, no lock, no allocation once the histogram has grown to the range of the
 * values seen), so it costs the task path almost nothing; a snapshot takes what was recorded
 * since the last one into a running total and reads the percentiles from that.
 */
final class LatencyRecorder {
  private static final int SIGNIFICANT_DIGITS = 2;

  private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
  private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
  /** The interval histogram handed back to the recorder for reuse; guarded by this. */
  private Histogram interval;

  /** Records one time; any thread. A negative one (clocks of two processes) counts as 0. */
  void record(long nanos) {
    recorder.recordValue(Math.max(0, nanos));
  }

  /** Everything recorded so far. */
  synchronized LatencyStats snapshot() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    long count = total.getTotalCount();
    if (count == 0) {
      return LatencyStats.NONE;
    }
    return new LatencyStats(count, percentile(50), percentile(90), percentile(99),
        Duration.ofNanos(total.getMaxValue()));
  }

  private Duration percentile(double percentile) {
    return Duration.ofNanos(total.getValueAtPercentile(percentile));
  }
}
