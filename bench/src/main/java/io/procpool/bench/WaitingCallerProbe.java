package io.procpool.bench;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What a caller's wait for its result costs, in the three shapes bench/LOG.md's "A waiting caller
 * spins before it parks" measured (a pool of 2). Prints figures; asserts nothing. To compare two
 * builds, put either pool-core jar on the same class path and alternate the runs.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
 *   io.procpool.bench.WaitingCallerProbe latency|sequence|shortwait [transport]</pre>
 *
 * <ul>
 *   <li>{@code latency}: 4 s of warm {@code apply(noop, i)}, then 2 rounds of 20,000 timed calls;
 *       median, p90, p99 of each round (the LOG quotes the second).
 *   <li>{@code sequence}: a fresh pool's first 2,000 {@code apply} of a capturing lambda, then
 *       20,000 more, timed as wholes (run it beside busy processes to see a loaded machine).
 *   <li>{@code shortwait}: 200 {@code waitFor(20 µs)} on a task that sleeps 5 s.
 * </ul>
 */
public final class WaitingCallerProbe {
  private WaitingCallerProbe() {}

  public static void main(String[] args) throws Exception {
    String shape = args.length > 0 ? args[0] : "latency";
    String transport = args.length > 1 ? args[1] : "pipes";
    try (Pool pool = ProcessPool.builder().transport(transport).workers(2).build()) {
      switch (shape) {
        case "latency" -> latency(pool);
        case "sequence" -> sequence(pool);
        case "shortwait" -> shortWait(pool);
        default -> throw new IllegalArgumentException("shape is latency, sequence or shortwait, was " + shape);
      }
    }
  }

  private static void latency(Pool pool) throws Exception {
    long end = System.nanoTime() + 4_000_000_000L;
    for (int i = 0; System.nanoTime() < end; i++) {
      pool.apply(Workloads::noop, i);
    }
    for (int round = 1; round <= 2; round++) {
      double[] us = new double[20_000];
      for (int i = 0; i < us.length; i++) {
        long t = System.nanoTime();
        pool.apply(Workloads::noop, i);
        us[i] = (System.nanoTime() - t) / 1e3;
      }
      Arrays.sort(us);
      System.out.printf("round %d: apply median %.1f us p90 %.1f p99 %.1f%n", round, us[us.length / 2],
          us[us.length * 9 / 10], us[us.length * 99 / 100]);
    }
  }

  private static void sequence(Pool pool) throws Exception {
    System.out.printf("first 2000 apply %.0f ms, next 20000 %.0f ms%n", applies(pool, 2_000), applies(pool, 20_000));
  }

  private static double applies(Pool pool, int n) throws Exception {
    long t = System.nanoTime();
    for (int i = 0; i < n; i++) {
      final int v = i;
      Integer doubled = pool.apply(() -> v * 2);
      if (doubled != v * 2) {
        throw new IllegalStateException("apply returned " + doubled + " for " + v);
      }
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static void shortWait(Pool pool) throws Exception {
    AsyncResult<Integer> slow = pool.applyAsync(() -> {
      Thread.sleep(5000);
      return 1;
    });
    double[] us = new double[200];
    for (int i = 0; i < us.length; i++) {
      long t = System.nanoTime();
      slow.waitFor(20, TimeUnit.MICROSECONDS);
      us[i] = (System.nanoTime() - t) / 1e3;
    }
    Arrays.sort(us);
    System.out.printf("waitFor(20 us): median %.0f us, p90 %.0f, max %.0f%n", us[100], us[180], us[199]);
    pool.terminate();
  }
}
