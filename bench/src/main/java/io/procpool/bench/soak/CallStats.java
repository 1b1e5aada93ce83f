package io.procpool.bench.soak;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * How many calls of each kind were made, with how many tasks, and how long they took from the
 * first submission to the last outcome taken: under chaos a long tail is expected (a kill costs a
 * worker's restart), a call that takes minutes is not.
 */
final class CallStats {
  private static final long HOUR_MICROS = 3_600_000_000L;

  private final Map<Ledger.Call, Histogram> latencies = new EnumMap<>(Ledger.Call.class);
  private final Map<Ledger.Call, LongAdder> tasks = new EnumMap<>(Ledger.Call.class);

  CallStats() {
    for (Ledger.Call call : Ledger.Call.values()) {
      latencies.put(call, new ConcurrentHistogram(HOUR_MICROS, 2));
      tasks.put(call, new LongAdder());
    }
  }

  void record(Ledger.Call call, int taskCount, long nanos) {
    latencies.get(call).recordValue(Math.min(HOUR_MICROS, Math.max(0, nanos / 1000)));
    tasks.get(call).add(taskCount);
  }

  long calls() {
    return latencies.values().stream().mapToLong(Histogram::getTotalCount).sum();
  }

  /** One line per kind of call: calls, tasks, latency p50/p99/max. */
  String table() {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %-15s %9s %10s %10s %10s %10s%n",
        "call", "calls", "tasks", "p50 ms", "p99 ms", "max ms"));
    latencies.forEach((call, histogram) -> text.append(String.format(Locale.ROOT, "  %-15s %9d %10d %10.1f %10.1f %10.1f%n",
        call, histogram.getTotalCount(), tasks.get(call).sum(), histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0)));
    return text.toString();
  }
}
