package io.procpool.bench;

import io.procpool.Pool;
import io.procpool.bench.Workloads.Form;
import io.procpool.core.PoolBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One fresh pool of 2 workers through the worker-memory workloads of issue 13, printed on one line,
 * to compare worker JVM settings side by side: start-up, idle worker RSS, the pool's first 20k
 * applyAsync and first map 1M (cold), then {@link Workloads#memoryLoad} (three maps of 1M, then
 * 100k applyAsync: the workload of {@code PoolBenchmark --only memory}, which run.sh reports),
 * three rounds each of 20k applyAsync and map 1M and six CPU-bound maps of four busy(10M) (the warm
 * figures: the median of the last three), then the workers' RSS (VmRSS of each, MiB) right after,
 * and after 2 s idle. Worker JVM options follow the transport; {@code ENV:NAME=VALUE} sets a
 * worker environment variable. For side-by-side figures run each setting in its own JVM,
 * interleaved, several rounds:
 *
 * <pre>{@code
 * cp="$(ls bench/target/bench-*.jar):$(cat bench/target/classpath.txt)"
 * for round in 1 2 3; do
 *   java -cp "$cp" io.procpool.bench.WorkerMemoryProbe default pipes
 *   java -cp "$cp" io.procpool.bench.WorkerMemoryProbe tier1 pipes -XX:TieredStopAtLevel=1
 * done
 * }</pre>
 */
public final class WorkerMemoryProbe {
  private WorkerMemoryProbe() {}

  /**
   * Runs the probe.
   *
   * @param args a label, a transport name, then worker JVM options and {@code ENV:NAME=VALUE}s
   * @throws Exception if the pool fails
   */
  public static void main(String[] args) throws Exception {
    String label = args[0];
    List<String> options = new ArrayList<>();
    List<String[]> environment = new ArrayList<>();
    for (String arg : Arrays.asList(args).subList(2, args.length)) {
      if (arg.startsWith("ENV:")) {
        environment.add(arg.substring(4).split("=", 2));
      } else {
        options.add(arg);
      }
    }
    PoolBuilder builder = Workloads.builder(args[1], 2, options);
    environment.forEach(variable -> builder.environment(variable[0], variable[1]));
    long t0 = System.nanoTime();
    try (Pool pool = builder.build()) {
      Workloads.applyOnce(pool, Form.REF, 0);
      double startMs = (System.nanoTime() - t0) / 1e6;
      pool.map(Workloads::noop, List.of(1, 2, 3, 4), 1); // both workers up
      Thread.sleep(500);
      String idle = rss();
      double cold = Workloads.applyAsync(pool, Form.REF, 20_000);
      double coldMap = Workloads.map(pool, Form.REF, 1_000_000, 0);
      Workloads.memoryLoad(pool, Form.REF);
      double[] asyncs = new double[3];
      double[] maps = new double[3];
      for (int i = 0; i < 3; i++) {
        asyncs[i] = Workloads.applyAsync(pool, Form.REF, 20_000);
        maps[i] = Workloads.map(pool, Form.REF, 1_000_000, 0);
      }
      List<Long> four = Collections.nCopies(4, PoolBenchmark.BUSY_ITERATIONS);
      double[] cpu = new double[6];
      for (int i = 0; i < cpu.length; i++) {
        long t = System.nanoTime();
        pool.map(Workloads::busy, four, 1);
        cpu[i] = (System.nanoTime() - t) / 1e6;
      }
      String after = rss();
      Thread.sleep(2000);
      String afterIdle = rss();
      System.out.printf(Locale.ROOT, "%s start=%.0fms rssIdle=%s cold20k=%.0f coldMap=%.0f warmAsync=%.0f"
              + " warmMap=%.0f cpu4x10M=%.1fms rssAfter=%s rssAfter2s=%s%n",
          label, startMs, idle, cold, coldMap, PoolBenchmark.median(asyncs), PoolBenchmark.median(maps),
          PoolBenchmark.median(Arrays.copyOfRange(cpu, 3, 6)), after, afterIdle);
    }
  }

  /** Each worker's VmRSS in MiB, joined with "/". */
  private static String rss() {
    return Workloads.workerRssMiB().stream().map(mib -> String.format(Locale.ROOT, "%.0f", mib))
        .collect(Collectors.joining("/"));
  }
}
