package io.procpool.bench.jmh;

import com.sun.management.OperatingSystemMXBean;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PoolBenchmark's map of 1M items on a real pool (2 workers, the given transport), each round timed
 * in wall time and in the CPU the parent and the workers spent: on a loaded machine wall time
 * measures the neighbours, CPU much less so. Round 0 is the pool's first map (cold, both sides).
 *
 * <p>Run: {@code java [-XX:+UseSerialGC] -cp "$(ls bench/target/bench-*.jar):$(cat bench/target/classpath.txt)"
 * io.procpool.bench.jmh.PoolMapCpu [rounds] [transport]}; {@code -DpauseMillis=N} waits before the first map, to
 * attach a profiler to the workers.
 */
public final class PoolMapCpu {
  private PoolMapCpu() {}

  static Object noop(Object x) {
    return x;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String transport = args.length > 1 ? args[1] : "pipes";
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (Pool pool = ProcessPool.builder().transport(transport).workers(2).build()) {
      pool.map(PoolMapCpu::noop, List.of(1, 2, 3, 4), 1); // both workers up
      Thread.sleep(Long.getLong("pauseMillis", 0)); // time to attach a profiler to the workers (jcmd PID JFR.start)
      for (int r = 0; r < rounds; r++) {
        long parent = os.getProcessCpuTime();
        long workers = workersCpuNanos();
        long wall = System.nanoTime();
        List<Integer> items = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
          items.add(i);
        }
        List<Object> out = pool.map(PoolMapCpu::noop, items);
        double seconds = (System.nanoTime() - wall) / 1e9;
        if (!out.get(999_999).equals(999_999)) {
          throw new AssertionError("map returned wrong values");
        }
        System.out.printf(Locale.ROOT, "round %d items/s %.0f wall %.0f ms parent_cpu %.0f ms workers_cpu %.0f ms%n",
            r, 1e6 / seconds, seconds * 1e3, (os.getProcessCpuTime() - parent) / 1e6,
            (workersCpuNanos() - workers) / 1e6);
      }
      Thread.sleep(Long.getLong("pauseMillis", 0)); // and to dump its recording (jcmd PID JFR.dump)
    }
  }

  private static long workersCpuNanos() {
    return ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
  }
}
