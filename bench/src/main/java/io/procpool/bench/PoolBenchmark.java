package io.procpool.bench;

import io.procpool.Pool;
import io.procpool.bench.Workloads.Form;
import io.procpool.spi.TransportProvider;
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
 * on the command line (default: every transport found through {@link ServiceLoader}), with the
 * tasks in one form ({@code --form ref}: a static method reference with its argument; {@code
 * --form lambda}: a capturing lambda). Prints one line per figure, {@code name value unit}, as the
 * Python script does, under a {@code # transport NAME} header; {@code bench/run.sh} puts both side
 * by side. A figure's name is {@code workload.form.state}: {@code cold} is the pool's first run of
 * the workload in a fresh JVM, without warm-up (what a program sees), {@code warm} the median of
 * {@link #REPS} runs after untimed ones that last at least the warm-up time (10 s by default: a
 * fresh pool of 2 climbs to its steady speed over its first 4-8 s on pipes and 8-10 s on netty,
 * while the parent's one C2 thread compiles the task path; bench/LOG.md, "A warm pool's parent
 * still compiling").
 *
 * <p>Why a plain harness and not JMH: every figure here is a whole-pool workload that lasts from
 * milliseconds to seconds and involves other processes (worker JVMs, pipes, the scheduler), and
 * the cold ones are one-shot by nature. Start-up is the first pool of this JVM, as a program would
 * see it, and its first task is in the benchmark's form; run.sh runs one JVM per transport,
 * workload and form, so that every cold figure is a fresh JVM's.
 *
 * <p>Usage: {@code PoolBenchmark [--workers N] [--form ref|lambda] [--only w1,w2,...]
 * [--warmup-ms MS] [--worker-option OPT]... [--prime] [--list] [transport...]}, where the workloads
 * are {@code startup, apply, async, map, imap, memory, cpu} (the first pool's start-up and idle RSS
 * always run; {@code startup} alone runs nothing else).
 */
public final class PoolBenchmark {
  static final int WARMUPS = 5;
  static final int REPS = 5;
  /** The iterations of Python's {@code busy(10_000_000)}. */
  static final long BUSY_ITERATIONS = 10_000_000L;
  /** CPython's time for one busy(10M) on this machine, for the long-task speed-up. */
  static final double PYTHON_BUSY_MS = 300;

  /** The least time spent warming up each workload. */
  private static long warmupNanos = 10_000_000_000L;
  private static Set<String> only = Set.of();
  private static Form form = Form.REF;
  /** Extra worker JVM options (--worker-option, repeatable), for trying flags side by side. */
  private static final List<String> workerOptions = new ArrayList<>();

  private PoolBenchmark() {}

  public static void main(String[] args) throws Exception {
    int workers = 2;
    boolean listOnly = false;
    List<String> wanted = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--only" -> only = Set.of(args[++i].split(","));
        case "--form" -> form = Form.of(args[++i]);
        case "--warmup-ms" -> warmupNanos = Long.parseLong(args[++i]) * 1_000_000L;
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
      System.out.println("# transport " + transport + ", form " + form.label() + ", java " + Runtime.version());
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
    try (Pool pool = Workloads.builder(transport, workers, workerOptions).build()) {
      Workloads.applyOnce(pool, form, 0);
    }
    print("prime_pool_start_to_close", (System.nanoTime() - t0) / 1e6, "ms");
  }

  private static void run(String transport, int workers) throws Exception {
    long t0 = System.nanoTime();
    Pool pool = Workloads.builder(transport, workers, workerOptions).build();
    try {
      Workloads.applyOnce(pool, form, 0);
      print(named("startup_to_first_result", "cold"), (System.nanoTime() - t0) / 1e6, "ms");
      // The worker that answered is idle now; wait for the other one to be up too.
      pool.map(Workloads::noop, List.of(1, 2, 3, 4), 1);
      print("idle_worker_rss", Workloads.maxWorkerRssMiB(), "MiB");

      if (selected("apply")) {
        applyLatency(pool);
      }
      if (selected("async")) {
        measure("apply_async_throughput", "tasks/s", run -> Workloads.applyAsync(pool, form, 20_000));
      }
      if (selected("map")) {
        measure("map_1M_default_chunks", "items/s", run -> Workloads.map(pool, form, 1_000_000, run));
      }
      if (selected("imap")) {
        measure("imap_chunksize1", "items/s", run -> Workloads.imap(pool, form, 20_000, run));
      }
      if (selected("memory")) {
        Workloads.memoryLoad(pool, form);
        print(named("worker_rss_right_after_load", null), Workloads.maxWorkerRssMiB(), "MiB");
        Thread.sleep(2000);
        print(named("worker_rss_after_load", null), Workloads.maxWorkerRssMiB(), "MiB");
      }
      if (selected("cpu")) {
        cpuSpeedup(pool, workers);
      }
    } finally {
      pool.close();
    }
  }

  private static boolean selected(String workload) {
    return only.isEmpty() || only.contains(workload);
  }

  /** {@code workload.form.state}, or {@code workload.form} without a state. */
  private static String named(String workload, String state) {
    return workload + "." + form.label() + (state == null ? "" : "." + state);
  }

  /**
   * The median {@code apply} no-op latency: over the pool's first 2000 calls (cold, as Python's
   * figure is taken), then over 2000 more after the warm-up.
   */
  private static void applyLatency(Pool pool) throws Exception {
    double[] cold = new double[2000];
    for (int i = 0; i < cold.length; i++) {
      cold[i] = Workloads.applyOnce(pool, form, i);
    }
    print(named("apply_latency_median", "cold"), median(cold), "us");
    long start = System.nanoTime();
    for (int i = 0; i < 5000 || System.nanoTime() - start < warmupNanos; i++) {
      Workloads.applyOnce(pool, form, i);
    }
    double[] us = new double[2000];
    for (int i = 0; i < us.length; i++) {
      us[i] = Workloads.applyOnce(pool, form, i);
    }
    print(named("apply_latency_median", "warm"), median(us), "us");
    print(named("apply_latency_p90", "warm"), percentile(us, 0.9), "us");
  }

  interface Measurement {
    double run(int index) throws Exception;
  }

  /** The first (cold) run, then warm-up runs, then {@link #REPS} timed ones (their median: warm). */
  private static void measure(String name, String unit, Measurement measurement) throws Exception {
    long start = System.nanoTime();
    print(named(name, "cold"), measurement.run(0), unit);
    int run = 1;
    for (; run < WARMUPS || System.nanoTime() - start < warmupNanos; run++) {
      measurement.run(run);
    }
    double[] values = new double[REPS];
    for (int i = 0; i < REPS; i++) {
      values[i] = measurement.run(run++);
    }
    print(named(name, "warm"), median(values), unit, values);
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

  private static double[] speedup(Pool pool, int workers, long iterations, int pairs, String suffix)
      throws Exception {
    List<Long> four = Collections.nCopies(4, iterations);
    Measurement serialRun = run -> {
      long t = System.nanoTime();
      for (long n : four) {
        Workloads.busy(n);
      }
      return (System.nanoTime() - t) / 1e6;
    };
    Measurement poolRun = run -> {
      long t = System.nanoTime();
      pool.map(Workloads::busy, four, 1);
      return (System.nanoTime() - t) / 1e6;
    };
    for (int i = 0; i < (suffix.isEmpty() ? WARMUPS : 1); i++) {
      serialRun.run(i);
      poolRun.run(i);
    }
    double[] serial = new double[pairs];
    double[] parallel = new double[pairs];
    double[] ratios = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      serial[i] = serialRun.run(i);
      parallel[i] = poolRun.run(i);
      ratios[i] = serial[i] / parallel[i];
    }
    print("cpu_serial_4_tasks" + suffix, median(serial), "ms", serial);
    print("cpu_pool_4_tasks" + suffix, median(parallel), "ms", parallel);
    System.out.printf(Locale.ROOT, "cpu_speedup%s %.2f x (%d workers; busy(%d); median of %d alternating pairs)%n",
        suffix, median(ratios), workers, iterations, pairs);
    return serial;
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

  static void print(String name, double value, String unit) {
    print(name, value, unit, null);
  }

  static void print(String name, double value, String unit, double[] all) {
    StringBuilder line = new StringBuilder(name).append(' ').append(format(value)).append(' ').append(unit);
    if (all != null) {
      line.append("  (median of ").append(all.length).append(':');
      for (double v : all) {
        line.append(' ').append(format(v));
      }
      line.append(')');
    }
    System.out.println(line);
    System.out.flush();
  }

  private static String format(double value) {
    return value >= 1000 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }
}
