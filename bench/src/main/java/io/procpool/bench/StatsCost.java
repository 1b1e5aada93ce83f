package io.procpool.bench;

import io.procpool.Pool;
import io.procpool.PoolStats;
import io.procpool.core.ProcessPool;
import java.util.Arrays;

/**
 * What one {@code pool.stats()} costs the caller, with 2 and with 8 workers (issue 12): after
 * 20k tasks have filled its histograms, the median and 99th percentile of many calls, in a warm
 * parent; once idle, and once while 20k tasks run. Prints figures; asserts nothing.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
 *   io.procpool.bench.StatsCost [transport]</pre>
 */
public final class StatsCost {
  private static final int CALLS = 20_000;
  private static final int TASKS = 20_000;

  private StatsCost() {}

  public static void main(String[] args) throws Exception {
    String transport = args.length > 0 ? args[0] : "pipes";
    for (int workers : new int[] {2, 8}) {
      try (Pool pool = ProcessPool.builder().workers(workers).transport(transport).build()) {
        pool.map(Workloads::noop, Workloads.range(TASKS), 1);
        time(pool, workers, "idle", CALLS); // warm-up: the JIT compiles stats() first
        time(pool, workers, "idle", CALLS);
        var running = pool.mapAsync(Workloads::noop, Workloads.range(TASKS), 1);
        time(pool, workers, "busy", CALLS / 10);
        running.get();
      }
    }
  }

  private static void time(Pool pool, int workers, String state, int calls) {
    double[] micros = new double[calls];
    long sink = 0;
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      PoolStats stats = pool.stats();
      micros[i] = (System.nanoTime() - start) / 1e3;
      sink += stats.tasksDone();
    }
    Arrays.sort(micros);
    System.out.printf("stats() %d workers, %s: median %.1f us, p99 %.1f us (%d calls; %d)%n", workers, state,
        micros[calls / 2], micros[calls * 99 / 100], calls, sink % 10);
  }
}
