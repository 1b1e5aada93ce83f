package io.procpool.bench;

import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the worker's redirection of descriptors 1 and 2 costs (issue 10): a pool of one worker from
 * {@code build()} to its first no-op result (the worker's start to hello, plus one round trip),
 * and the median blocking {@code apply} of a no-op once warm (each answer checks both pipes), with
 * the redirection on and off ({@code -Dprocpool.worker.redirectDescriptors=false}), interleaved,
 * in this one warm parent JVM. Prints figures; asserts nothing.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
 *   io.procpool.bench.DescriptorRedirectCost [rounds] [transport...]</pre>
 */
public final class DescriptorRedirectCost {
  private static final int APPLY_CALLS = 20_000;

  private DescriptorRedirectCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    List<String> transports = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("pipes", "netty");
    for (String transport : transports) {
      measure(transport, true, 2); // warm the parent: the first pools pay for its class loading and JIT
      measure(transport, false, 2);
      List<double[]> on = new ArrayList<>();
      List<double[]> off = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        on.add(measure(transport, true, APPLY_CALLS));
        off.add(measure(transport, false, APPLY_CALLS));
      }
      report(transport, "redirect on ", on);
      report(transport, "redirect off", off);
    }
  }

  /** One pool: ms from build() to the first result, and the median apply in µs. */
  private static double[] measure(String transport, boolean redirect, int calls) throws Exception {
    long start = System.nanoTime();
    try (Pool pool = ProcessPool.builder().workers(1).transport(transport)
        .systemProperty("procpool.worker.redirectDescriptors", Boolean.toString(redirect)).build()) {
      pool.apply(() -> 0);
      double startMillis = (System.nanoTime() - start) / 1e6;
      long[] nanos = new long[calls];
      for (int i = 0; i < calls; i++) {
        long t = System.nanoTime();
        pool.apply(() -> 0);
        nanos[i] = System.nanoTime() - t;
      }
      java.util.Arrays.sort(nanos);
      return new double[] {startMillis, nanos[calls / 2] / 1e3};
    }
  }

  private static void report(String transport, String mode, List<double[]> figures) {
    System.out.printf("%-6s %s  start to first result: median %.1f ms (min %.1f)   apply no-op: median %.1f us%n",
        transport, mode, median(figures, 0), min(figures, 0), median(figures, 1));
  }

  private static double median(List<double[]> figures, int column) {
    List<Double> values = new ArrayList<>();
    figures.forEach(f -> values.add(f[column]));
    Collections.sort(values);
    return values.get(values.size() / 2);
  }

  private static double min(List<double[]> figures, int column) {
    return figures.stream().mapToDouble(f -> f[column]).min().orElseThrow();
  }
}
