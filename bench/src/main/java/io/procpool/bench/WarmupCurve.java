package io.procpool.bench;

import io.procpool.Pool;
import io.procpool.bench.Workloads.Form;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long a fresh pool takes to reach its steady speed: rounds of 20k {@code applyAsync} (as
 * PoolBenchmark's) for the given seconds after the first result, then the median rate of each
 * 2-second window, and the bytes this JVM allocated per task over the last window's rounds (all
 * its threads: the caller's, the readers', the JIT's). Prints figures; asserts nothing. To
 * compare two builds, put either pool-core jar on the same class path and alternate the runs.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
 *   io.procpool.bench.WarmupCurve [transport] [seconds] [ref|lambda]</pre>
 */
public final class WarmupCurve {
  private static final int TASKS = 20_000;
  private static final int WINDOW_SECONDS = 2;

  private WarmupCurve() {}

  public static void main(String[] args) throws Exception {
    String transport = args.length > 0 ? args[0] : "pipes";
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 12;
    Form form = Form.of(args.length > 2 ? args[2] : "ref");
    try (Pool pool = Workloads.builder(transport, 2, List.of()).build()) {
      Workloads.applyOnce(pool, form, 0);
      long start = System.nanoTime();
      long end = start + seconds * 1_000_000_000L;
      Map<Long, List<Double>> windows = new TreeMap<>();
      long lastWindow = -1;
      long bytesAtWindow = 0;
      int roundsInWindow = 0;
      while (System.nanoTime() < end) {
        long window = (System.nanoTime() - start) / (WINDOW_SECONDS * 1_000_000_000L) * WINDOW_SECONDS;
        if (window != lastWindow) {
          lastWindow = window;
          bytesAtWindow = allocatedBytes();
          roundsInWindow = 0;
        }
        windows.computeIfAbsent(window, w -> new ArrayList<>()).add(Workloads.applyAsync(pool, form, TASKS));
        roundsInWindow++;
      }
      double bytesPerTask = (allocatedBytes() - bytesAtWindow) / (double) (roundsInWindow * TASKS);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %s, 20k applyAsync, median per window:",
          transport, form.label()));
      windows.forEach((window, rates) -> line.append(String.format(Locale.ROOT, " %d-%ds %.0fk/s (%d)",
          window, window + WINDOW_SECONDS, PoolBenchmark.median(rates.stream().mapToDouble(Double::doubleValue).toArray()) / 1e3,
          rates.size())));
      line.append(String.format(Locale.ROOT, "; last window %.0f bytes allocated a task", bytesPerTask));
      System.out.println(line);
    }
  }

  /** What this JVM's live threads have allocated so far (HotSpot's per-thread counters). */
  private static long allocatedBytes() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(0, bytes);
    }
    return sum;
  }
}
