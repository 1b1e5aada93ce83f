package io.procpool.bench;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One run of each workload of {@code bench/py_pool_bench.py}, in either task form, and the workers'
 * resident memory: what {@link PoolBenchmark} times and {@link WorkerMemoryProbe} repeats, written
 * once. Each run checks the values it gets back.
 */
final class Workloads {
  private static volatile long sink;

  private Workloads() {}

  /** How a workload's tasks are written: the two forms issue 13 measures every row in. */
  enum Form {
    /** A static method reference with its argument: {@code pool.applyAsync(Workloads::noop, i)}. */
    REF,
    /** A capturing lambda: {@code final int v = i; pool.applyAsync(() -> v)}; a map function that captures a local. */
    LAMBDA;

    /** Its name in the figures' names: {@code ref} or {@code lambda}. */
    String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Form of(String label) {
      for (Form form : values()) {
        if (form.label().equals(label)) {
          return form;
        }
      }
      throw new IllegalArgumentException("unknown task form '" + label + "': ref or lambda");
    }
  }

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

  /** A pool of {@code workers} on {@code transport}, with extra worker JVM options. */
  static PoolBuilder builder(String transport, int workers, List<String> workerOptions) {
    return ProcessPool.builder().transport(transport).workers(workers).jvmOptions(workerOptions.toArray(String[]::new));
  }

  /** One {@code apply} of a no-op; microseconds. */
  static double applyOnce(Pool pool, Form form, int i) throws Exception {
    long t = System.nanoTime();
    Integer value;
    if (form == Form.REF) {
      value = pool.apply(Workloads::noop, i);
    } else {
      final int v = i;
      value = pool.apply(() -> v);
    }
    double us = (System.nanoTime() - t) / 1e3;
    check(value == i, "apply returned " + value + " for " + i);
    return us;
  }

  /** {@code n} applyAsync, then their results; tasks per second. */
  static double applyAsync(Pool pool, Form form, int n) throws Exception {
    long t = System.nanoTime();
    List<AsyncResult<Integer>> results = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (form == Form.REF) {
        results.add(pool.applyAsync(Workloads::noop, i));
      } else {
        final int v = i;
        results.add(pool.applyAsync(() -> v));
      }
    }
    for (int i = 0; i < n; i++) {
      Integer value = results.get(i).get();
      check(value == i, "applyAsync returned " + value + " for " + i);
    }
    return n / ((System.nanoTime() - t) / 1e9);
  }

  /** A map of {@code n} items, default chunks, the list built inside the timing (as Python's map does); items per second. */
  static double map(Pool pool, Form form, int n, int base) throws Exception {
    long t = System.nanoTime();
    List<Integer> out = form == Form.REF ? pool.map(Workloads::noop, range(n)) : pool.map(x -> x + base, range(n));
    double rate = n / ((System.nanoTime() - t) / 1e9);
    int expected = n - 1 + (form == Form.REF ? 0 : base);
    check(out.size() == n && out.get(n - 1) == expected, "map returned wrong values");
    return rate;
  }

  /** Python's {@code list(p.imap(noop, range(n)))}: chunk size 1, values taken as they come; items per second. */
  static double imap(Pool pool, Form form, int n, int base) throws Exception {
    long t = System.nanoTime();
    int count = 0;
    int last = -1;
    try (ResultIterator<Integer> results = form == Form.REF ? pool.imap(Workloads::noop, range(n), 1)
        : pool.imap(x -> x + base, range(n), 1)) {
      while (results.hasNext()) {
        last = results.next();
        count++;
      }
    }
    double rate = n / ((System.nanoTime() - t) / 1e9);
    check(count == n && last == n - 1 + (form == Form.REF ? 0 : base), "imap returned wrong values");
    return rate;
  }

  /** 0 .. n-1, as a Java program would build it: a presized ArrayList. */
  static List<Integer> range(int n) {
    List<Integer> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(i);
    }
    return list;
  }

  /** Each live worker's VmRSS in MiB (from /proc/PID/status; empty where there is none). */
  static List<Double> workerRssMiB() {
    List<ProcessHandle> workers = ProcessHandle.current().children()
        .filter(p -> p.info().commandLine().orElse("").contains("procpool.worker.name"))
        .collect(Collectors.toList());
    List<Double> rss = new ArrayList<>();
    for (ProcessHandle worker : workers) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(worker.pid()), "status"))) {
          if (line.startsWith("VmRSS:")) {
            rss.add(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or the worker is gone: no figure
      }
    }
    return rss;
  }

  /** The largest worker's VmRSS in MiB; NaN if none could be read. */
  static double maxWorkerRssMiB() {
    return workerRssMiB().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /**
   * Issue 13's worker-memory workload: three maps of 1M items, then 100k applyAsync (five rounds
   * of 20k), in {@code form}. The issue reads the workers' RSS after it, once 2 s idle.
   */
  static void memoryLoad(Pool pool, Form form) throws Exception {
    for (int i = 0; i < 3; i++) {
      map(pool, form, 1_000_000, i);
    }
    for (int i = 0; i < 5; i++) {
      applyAsync(pool, form, 20_000);
    }
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
