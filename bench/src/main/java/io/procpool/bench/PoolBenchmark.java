package io.procpool.bench;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import io.procpool.spi.TransportProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The workloads of {@code bench/py_pool_bench.py}, run on a procpool pool of each transport named
 * on the command line (default: every transport found through {@link ServiceLoader}). Prints one
 * line per figure, {@code name value unit}, as the Python script does, under a
 * {@code # transport NAME} header; {@code bench/run.sh} puts both side by side.
 *
 * <p>Why a plain harness and not JMH: every figure here is a whole-pool workload that lasts from
 * milliseconds to seconds and involves other processes (worker JVMs, pipes, the scheduler), and
 * two of them (start-up, idle RSS) are one-shot by nature. JMH's value is in isolating
 * nanosecond-scale code from the JIT's tricks, which does not apply; what matters here is
 * warm-up (so the JIT has compiled the pool's hot path, as in a long-running program) and
 * repetition (the machine is shared and noisy), which the harness does explicitly: each
 * throughput figure is the median of {@link #REPS} timed runs after untimed ones that last at
 * least {@link #WARMUP_NANOS} (as JMH warms up by time: the parent and both workers need about
 * a million tasks, 1-2 s, before C2 has compiled their hot paths; five runs of 20k tasks left
 * the figures at a third of their steady state). The first, cold run of each workload is printed
 * too, for information. Start-up is the first pool of this JVM, as a program would see it (so
 * only the first transport named on the command line gets a cold figure; run.sh runs one JVM per
 * transport and workload).
 *
 * <p>Usage: {@code PoolBenchmark [--workers N] [--only w1,w2,...] [--worker-option OPT]... [--prime]
 * [--list] [transport...]}, where the workloads are {@code startup, apply, async, map, imap, cpu}
 * (the first pool's start-up and RSS always run).
 */
public final class PoolBenchmark {
  static final int WARMUPS = 5;
  /** The least time spent warming up each workload. */
  static final long WARMUP_NANOS = 3_000_000_000L;
  static final int REPS = 5;
  /** The iterations of Python's {@code busy(10_000_000)}. */
  static final long BUSY_ITERATIONS = 10_000_000L;

  private static volatile long sink;

  private PoolBenchmark() {}

  /** The no-op task: returns its argument, as Python's {@code noop}. */
  static Integer noop(Integer x) {
    return x;
  }

  /**
   * Python's {@code busy(n)}: {@code n} dependent steps. Each step feeds the next and the result is
   * returned and stored, so the JIT can neither fold the loop nor drop it.
   */
  static long busy(long iterations) {
    long acc = 1;
    for (long i = 0; i < iterations; i++) {
      acc = acc * 6364136223846793005L + i;
    }
    sink = acc;
    return acc;
  }

  private static Set<String> only = Set.of();
  /** Extra worker JVM options (--worker-option, repeatable), for trying flags side by side. */
  private static final List<String> workerOptions = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int workers = 2;
    boolean listOnly = false;
    List<String> wanted = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--only" -> only = Set.of(args[++i].split(","));
        case "--list" -> listOnly = true;
        case "--prime" -> only = Set.of("prime");
        case "--worker-option" -> workerOptions.add(args[++i]);
        default -> wanted.add(args[i]);
      }
    }
    if (listOnly || wanted.isEmpty()) {
      TreeSet<String> known = knownTransports();
      if (listOnly) {
        known.forEach(System.out::println);
        return;
      }
      wanted.addAll(known);
    }
    // Named transports are not looked up first: the first pool must find this JVM cold, as a
    // program's does (listing them loads the transports' classes, ~0.3 s of start-up).
    for (String transport : wanted) {
      System.out.println("# transport " + transport);
      try {
        if (only.contains("prime")) {
          prime(transport, workers);
        } else {
          run(transport, workers);
        }
      } catch (IllegalArgumentException | IllegalStateException e) {
        // ProcessPool.builder().transport(name) refused it (unknown, not available here)
        System.out.println("# skipped: " + e.getMessage());
      }
    }
  }

  private static TreeSet<String> knownTransports() {
    return ServiceLoader.load(TransportProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(TransportProvider::isAvailable)
        .map(TransportProvider::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * One pool that runs one task: what a program does on its first run on a machine, after which
   * the workers' class data sharing archive exists (see pool-core's WorkerCds). The figures are
   * those of every later run; run.sh primes first so that they do not depend on whether this
   * machine has run a pool before.
   */
  private static void prime(String transport, int workers) throws Exception {
    long t0 = System.nanoTime();
    try (Pool pool = builder(transport, workers).build()) {
      pool.apply(PoolBenchmark::noop, 0);
    }
    print("prime_pool_start_to_close", (System.nanoTime() - t0) / 1e6, "ms");
  }

  private static void run(String transport, int workers) throws Exception {
    long t0 = System.nanoTime();
    Pool pool = builder(transport, workers).build();
    try {
      pool.apply(PoolBenchmark::noop, 0);
      double startupMs = (System.nanoTime() - t0) / 1e6;
      print("startup_to_first_result", startupMs, "ms");
      // The worker that answered is idle now; wait for the other one to be up too.
      pool.map(PoolBenchmark::noop, List.of(1, 2, 3, 4), 1);
      print("idle_worker_rss", maxWorkerRssMiB(), "MiB");

      if (selected("apply")) {
        applyLatency(pool);
      }
      if (selected("async")) {
        applyAsyncThroughput(pool);
      }
      if (selected("map")) {
        map1M(pool);
      }
      if (selected("imap")) {
        imap(pool);
      }
      if (selected("cpu")) {
        cpuSpeedup(pool, workers);
      }
      print("idle_worker_rss_after_load", maxWorkerRssMiB(), "MiB");
    } finally {
      pool.close();
    }
    if (selected("startup")) {
      startupRepeated(transport, workers);
    }
  }

  private static boolean selected(String workload) {
    return only.isEmpty() || only.contains(workload);
  }

  private static PoolBuilder builder(String transport, int workers) {
    return ProcessPool.builder().transport(transport).workers(workers)
        .jvmOptions(workerOptions.toArray(String[]::new));
  }

  /** Start-up once more, with this JVM's side warm: the part the worker JVMs cost. */
  private static void startupRepeated(String transport, int workers) throws Exception {
    double[] ms = new double[REPS];
    for (int r = 0; r < REPS; r++) {
      long t = System.nanoTime();
      try (Pool pool = builder(transport, workers).build()) {
        pool.apply(PoolBenchmark::noop, 0);
        ms[r] = (System.nanoTime() - t) / 1e6;
      }
    }
    print("startup_to_first_result_warm_parent", median(ms), "ms", ms);
  }

  private static void applyLatency(Pool pool) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < 5000 || System.nanoTime() - start < WARMUP_NANOS; i++) {
      pool.apply(PoolBenchmark::noop, i); // warm-up: let the JIT compile both sides' hot path
    }
    double[] us = new double[2000];
    for (int i = 0; i < us.length; i++) {
      long t = System.nanoTime();
      Integer value = pool.apply(PoolBenchmark::noop, i);
      us[i] = (System.nanoTime() - t) / 1e3;
      check(value == i, "apply returned " + value + " for " + i);
    }
    print("apply_latency_median", median(us), "us");
    print("apply_latency_p90", percentile(us, 0.9), "us");
  }

  private static void applyAsyncThroughput(Pool pool) throws Exception {
    int n = 20_000;
    double[] rates = repeat("apply_async_throughput", "tasks/s", () -> {
      long t = System.nanoTime();
      List<AsyncResult<Integer>> results = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        results.add(pool.applyAsync(PoolBenchmark::noop, i));
      }
      for (int i = 0; i < n; i++) {
        Integer value = results.get(i).get();
        check(value == i, "applyAsync returned " + value + " for " + i);
      }
      return n / ((System.nanoTime() - t) / 1e9);
    });
    print("apply_async_throughput", median(rates), "tasks/s", rates);
  }

  private static void map1M(Pool pool) throws Exception {
    int n = 1_000_000;
    double[] rates = repeat("map_1M_default_chunks", "items/s", () -> {
      long t = System.nanoTime();
      // Building the list is timed too: Python's map turns its range into a list inside the call.
      List<Integer> out = pool.map(PoolBenchmark::noop, range(n));
      double rate = n / ((System.nanoTime() - t) / 1e9);
      check(out.size() == n && out.get(n - 1) == n - 1, "map returned wrong values");
      return rate;
    });
    print("map_1M_default_chunks", median(rates), "items/s", rates);
  }

  /** Python's {@code list(p.imap(noop, range(20000)))}: chunk size 1, values taken as they come. */
  private static void imap(Pool pool) throws Exception {
    int n = 20_000;
    double[] rates = repeat("imap_chunksize1", "items/s", () -> {
      long t = System.nanoTime();
      int count = 0;
      int last = -1;
      try (ResultIterator<Integer> results = pool.imap(PoolBenchmark::noop, range(n), 1)) {
        while (results.hasNext()) {
          last = results.next();
          count++;
        }
      }
      double rate = n / ((System.nanoTime() - t) / 1e9);
      check(count == n && last == n - 1, "imap returned wrong values");
      return rate;
    });
    print("imap_chunksize1", median(rates), "items/s", rates);
  }

  /**
   * Four CPU-bound tasks: one after another in this (warmed-up) JVM, then on the pool with chunk
   * size 1. Both sides get untimed warm-up runs so that each measures compiled code. The serial
   * and the pool runs alternate and each pair gives a ratio, so that load from other processes on
   * a shared machine falls on both sides of a ratio alike; the figure is the median ratio.
   *
   * <p>First with Python's {@code busy(10M)} iteration count, which the JIT runs in ~13 ms, so a
   * millisecond of noise moves the ratio by several percent; then with tasks as long as Python's
   * {@code busy(10M)} takes in CPython here (~0.3 s), which is what Python's speed-up is measured on.
   */
  private static void cpuSpeedup(Pool pool, int workers) throws Exception {
    double[] serialMs = speedup(pool, workers, BUSY_ITERATIONS, 2 * REPS + 1, "");
    long iterations = (long) (BUSY_ITERATIONS * PYTHON_BUSY_MS / (median(serialMs) / 4));
    speedup(pool, workers, iterations, 3, "_python_duration");
  }

  /** CPython's time for one busy(10M) on this machine, for the long-task speed-up. */
  static final double PYTHON_BUSY_MS = 300;

  private static double[] speedup(Pool pool, int workers, long iterations, int pairs, String suffix)
      throws Exception {
    List<Long> four = Collections.nCopies(4, iterations);
    Measurement serialRun = () -> {
      long t = System.nanoTime();
      for (long n : four) {
        busy(n);
      }
      return (System.nanoTime() - t) / 1e6;
    };
    Measurement poolRun = () -> {
      long t = System.nanoTime();
      pool.map(PoolBenchmark::busy, four, 1);
      return (System.nanoTime() - t) / 1e6;
    };
    for (int i = 0; i < (suffix.isEmpty() ? WARMUPS : 1); i++) {
      serialRun.run();
      poolRun.run();
    }
    double[] serial = new double[pairs];
    double[] parallel = new double[pairs];
    double[] ratios = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      serial[i] = serialRun.run();
      parallel[i] = poolRun.run();
      ratios[i] = serial[i] / parallel[i];
    }
    print("cpu_serial_4_tasks" + suffix, median(serial), "ms", serial);
    print("cpu_pool_4_tasks" + suffix, median(parallel), "ms", parallel);
    System.out.printf(Locale.ROOT, "cpu_speedup%s %.2f x (%d workers; busy(%d); median of %d alternating pairs)%n",
        suffix, median(ratios), workers, iterations, pairs);
    return serial;
  }

  /** The resident set of the largest worker of the live pool, from /proc/PID/status. */
  private static double maxWorkerRssMiB() {
    List<ProcessHandle> workers = ProcessHandle.current().children()
        .filter(p -> p.info().commandLine().orElse("").contains("procpool.worker.name"))
        .collect(Collectors.toList());
    double max = Double.NaN;
    for (ProcessHandle worker : workers) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(worker.pid()), "status"))) {
          if (line.startsWith("VmRSS:")) {
            double mib = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            max = Double.isNaN(max) ? mib : Math.max(max, mib);
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or the worker is gone: no figure
      }
    }
    return max;
  }

  interface Measurement {
    double run() throws Exception;
  }

  /** Warms up, then measures; prints the first (cold) figure as {@code NAME_first_run}. */
  private static double[] repeat(String name, String unit, Measurement measurement) throws Exception {
    long start = System.nanoTime();
    print(name + "_first_run", measurement.run(), unit);
    for (int i = 1; i < WARMUPS || System.nanoTime() - start < WARMUP_NANOS; i++) {
      measurement.run();
    }
    double[] values = new double[REPS];
    for (int i = 0; i < REPS; i++) {
      values[i] = measurement.run();
    }
    return values;
  }

  /** 0 .. n-1, as a Java program would build it: a presized ArrayList. */
  static List<Integer> range(int n) {
    List<Integer> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(i);
    }
    return list;
  }

  static double median(double[] values) {
    return percentile(values, 0.5);
  }

  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (sorted.length % 2 == 0 && p == 0.5) {
      return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  private static void print(String name, double value, String unit) {
    print(name, value, unit, null);
  }

  private static void print(String name, double value, String unit, double[] all) {
    print(name, value, unit, all, null);
  }

  private static void print(String name, double value, String unit, double[] all, String note) {
    String number = value >= 1000 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
    StringBuilder line = new StringBuilder(name).append(' ').append(number).append(' ').append(unit);
    if (all != null) {
      line.append("  (median of ").append(all.length).append(':');
      for (double v : all) {
        line.append(' ').append(v >= 1000 ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.1f", v));
      }
      line.append(')');
    }
    if (note != null) {
      line.append("  [").append(note).append(']');
    }
    System.out.println(line);
    System.out.flush();
  }
}
