package io.procpool.bench;

import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.Shared;
import io.procpool.core.ProcessPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What a large captured value costs (issue 13): a lambda capturing a list of 200k strings (about
 * 20 MB), against the same calls capturing a list of 1k, on a fresh pool per transport. The
 * capture goes to each worker once, so the difference between the two should stay near the cost
 * of that one transfer per worker, however many tasks capture it; the figure {@code over
 * transfer} says how near (target: at most 2).
 *
 * <p>Usage: {@code CaptureBenchmark [--workers N] [transport...]} (default: pipes netty). One
 * transfer is timed as the first {@code apply} of a fresh pool that captures the list, less the
 * same with the small list: serializing it, hashing it, sending it and decoding it in a worker.
 */
public final class CaptureBenchmark {
  private static final int LARGE = 200_000;
  private static final int SMALL = 1_000;

  private CaptureBenchmark() {}

  public static void main(String[] args) throws Exception {
    int workers = 2;
    List<String> transports = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--workers")) {
        workers = Integer.parseInt(args[++i]);
      } else {
        transports.add(args[i]);
      }
    }
    if (transports.isEmpty()) {
      transports = List.of("pipes", "netty");
    }
    for (String transport : transports) {
      System.out.println("# transport " + transport + ", " + workers + " workers");
      run(transport, workers);
    }
  }

  private static void run(String transport, int workers) throws Exception {
    List<String> large = strings(LARGE);
    List<String> small = strings(SMALL);
    double transfer = firstApply(transport, workers, large) - firstApply(transport, workers, small);
    print("capture", large.stream().mapToLong(s -> s.length() + 1).sum() / 1e6, "MB (its strings' characters)");
    print("one transfer", transfer, "s");
    double[] extra = new double[4];
    String[] names = {"imap 200 items, chunk 1", "map 20k items, chunk 100", "50 apply calls",
        "50 apply calls, Pool.share"};
    try (Pool pool = ProcessPool.builder().transport(transport).workers(workers).build()) {
      pool.map(x -> x, List.of(1, 2, 3, 4), 1); // workers up, nothing captured yet
      for (int w = 0; w < names.length; w++) {
        double withSmall = workload(pool, w, small);
        double withLarge = workload(pool, w, large);
        extra[w] = withLarge - withSmall;
        print(names[w] + ", 1k list", withSmall, "s");
        print(names[w] + ", 200k list", withLarge, "s");
        print(names[w] + ", over transfer", extra[w] / (transfer * workers), "x (target <= 2)");
      }
    }
  }

  /** Seconds for one workload of the three whose function captures {@code captured}. */
  private static double workload(Pool pool, int which, List<String> captured) throws Exception {
    long start = System.nanoTime();
    switch (which) {
      case 0 -> {
        try (ResultIterator<Integer> it = pool.imap(x -> captured.get(x % captured.size()).length() + x, range(200))) {
          it.forEachRemaining(x -> { });
        }
      }
      case 1 -> pool.map(x -> captured.get(x % captured.size()).length() + x, range(20_000), 100);
      case 2 -> {
        for (int i = 0; i < 50; i++) {
          int offset = i;
          pool.apply(() -> captured.size() + offset);
        }
      }
      default -> {
        Shared<List<String>> shared = pool.share(captured);
        for (int i = 0; i < 50; i++) {
          int offset = i;
          pool.apply(() -> shared.get().size() + offset);
        }
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds for the first call of a fresh, started pool that captures {@code captured}. */
  private static double firstApply(String transport, int workers, List<String> captured) throws Exception {
    try (Pool pool = ProcessPool.builder().transport(transport).workers(workers).build()) {
      pool.map(x -> x, List.of(1, 2, 3, 4), 1);
      long start = System.nanoTime();
      pool.apply(() -> captured.size());
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  /** {@code n} distinct strings of 100 characters. */
  private static List<String> strings(int n) {
    List<String> strings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add(String.format(Locale.ROOT, "%-100d", i));
    }
    return strings;
  }

  private static void print(String name, double value, String unit) {
    System.out.printf(Locale.ROOT, "%-40s %10.3f %s%n", name, value, unit);
  }
}
