package io.procpool.bench;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One fresh pool of 2 workers through the worker-memory workloads of issue 13, printed on one line:
 * start-up, idle worker RSS, the pool's first 20k applyAsync and first map 1M (cold), then six
 * rounds each of 20k applyAsync and map 1M and six CPU-bound maps of four busy(10M), whose last
 * three give the warm figures (median), then the workers' RSS (VmRSS of each, MiB) right after,
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
  private static volatile long sink;

  private WorkerMemoryProbe() {}

  static Integer noop(Integer x) {
    return x;
  }

  /** As PoolBenchmark's busy: dependent steps the JIT can neither fold nor drop. */
  static long busy(long iterations) {
    long acc = 1;
    for (long i = 0; i < iterations; i++) {
      acc = acc * 6364136223846793005L + i;
    }
    sink = acc;
    return acc;
  }

  /**
   * Runs the probe.
   *
   * @param args a label, a transport name, then worker JVM options and {@code ENV:NAME=VALUE}s
   * @throws Exception if the pool fails
   */
  public static void main(String[] args) throws Exception {
    String label = args[0];
    PoolBuilder builder = ProcessPool.builder().transport(args[1]).workers(2);
    List<String> options = new ArrayList<>();
    for (String arg : Arrays.asList(args).subList(2, args.length)) {
      if (arg.startsWith("ENV:")) {
        String[] variable = arg.substring(4).split("=", 2);
        builder.environment(variable[0], variable[1]);
      } else {
        options.add(arg);
      }
    }
    builder.jvmOptions(options.toArray(String[]::new));
    long t0 = System.nanoTime();
    try (Pool pool = builder.build()) {
      pool.apply(WorkerMemoryProbe::noop, 0);
      double startMs = (System.nanoTime() - t0) / 1e6;
      pool.map(WorkerMemoryProbe::noop, List.of(1, 2, 3, 4), 1); // both workers up
      Thread.sleep(500);
      String idle = workerRss();
      double cold = applyAsync(pool);
      double coldMap = map1M(pool);
      double[] asyncs = new double[6];
      for (int i = 0; i < asyncs.length; i++) {
        asyncs[i] = applyAsync(pool);
      }
      double[] maps = new double[6];
      for (int i = 0; i < maps.length; i++) {
        maps[i] = map1M(pool);
      }
      List<Long> four = Collections.nCopies(4, 10_000_000L);
      double[] cpu = new double[6];
      for (int i = 0; i < cpu.length; i++) {
        long t = System.nanoTime();
        pool.map(WorkerMemoryProbe::busy, four, 1);
        cpu[i] = (System.nanoTime() - t) / 1e6;
      }
      String after = workerRss();
      Thread.sleep(2000);
      String afterIdle = workerRss();
      System.out.printf(Locale.ROOT, "%s start=%.0fms rssIdle=%s cold20k=%.0f coldMap=%.0f warmAsync=%.0f"
              + " warmMap=%.0f cpu4x10M=%.1fms rssAfter=%s rssAfter2s=%s%n",
          label, startMs, idle, cold, coldMap, lastThreeMedian(asyncs), lastThreeMedian(maps), lastThreeMedian(cpu),
          after, afterIdle);
    }
  }

  private static double lastThreeMedian(double[] values) {
    double[] last = Arrays.copyOfRange(values, values.length - 3, values.length);
    Arrays.sort(last);
    return last[1];
  }

  /** 20k applyAsync, then their results: tasks per second. */
  private static double applyAsync(Pool pool) throws Exception {
    int n = 20_000;
    long t = System.nanoTime();
    List<AsyncResult<Integer>> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      results.add(pool.applyAsync(WorkerMemoryProbe::noop, i));
    }
    for (int i = 0; i < n; i++) {
      if (results.get(i).get() != i) {
        throw new AssertionError("applyAsync returned a wrong value");
      }
    }
    return n / ((System.nanoTime() - t) / 1e9);
  }

  /** map of 1M items, default chunks, the list built inside the timing: items per second. */
  private static double map1M(Pool pool) throws Exception {
    long t = System.nanoTime();
    List<Integer> out = pool.map(WorkerMemoryProbe::noop, PoolBenchmark.range(1_000_000));
    double rate = 1_000_000 / ((System.nanoTime() - t) / 1e9);
    if (out.get(999_999) != 999_999) {
      throw new AssertionError("map returned a wrong value");
    }
    return rate;
  }

  /** Each worker's VmRSS in MiB, joined with "/". */
  private static String workerRss() throws Exception {
    List<String> rss = new ArrayList<>();
    List<ProcessHandle> workers = ProcessHandle.current().children()
        .filter(p -> p.info().commandLine().orElse("").contains("procpool.worker.name"))
        .collect(Collectors.toList());
    for (ProcessHandle worker : workers) {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(worker.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss.add(String.format(Locale.ROOT, "%.0f", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0));
        }
      }
    }
    return String.join("/", rss);
  }
}
