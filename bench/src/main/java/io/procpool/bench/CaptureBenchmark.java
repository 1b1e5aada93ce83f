package io.procpool.bench;

import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.Shared;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a large captured value costs (issue 13): {@code imap}, {@code map} and {@code apply} whose
 * lambda captures a list of 200k strings of 100 characters (about 20 MB encoded), each against the
 * same calls capturing a list of 1k, on one pool per transport, in {@code name value unit} lines
 * for run.sh.
 *
 * <p><b>One transfer</b> of the capture is what it costs to move the 20 MB once to one worker: an
 * {@code apply} that carries the list as its argument (encoded in the parent, framed, sent, decoded
 * in the worker), less the same with the 1k list; the median of 5 after three untimed pairs, on
 * the started pool, so that both sides' codecs are compiled. Each workload then captures a list of
 * its own (other strings: no worker holds it yet, and the parent has not encoded it), and its
 * cost is the time with the large list less the time with the small one, in transfers per
 * worker ({@code capture_WORKLOAD_over_transfer}: target at most 2). A value sent once to each
 * worker costs about one transfer per worker; one sent with every task or call, hundreds.
 *
 * <p>Usage: {@code CaptureBenchmark [--workers N] [transport...]} (default: pipes netty).
 */
public final class CaptureBenchmark {
  private static final int LARGE = 200_000;
  private static final int SMALL = 1_000;
  private static final String[] WORKLOADS = {"imap_200_chunk1", "map_20k_chunk100", "apply_50", "apply_50_share"};

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

  static int size(List<String> list) {
    return list.size();
  }

  private static void run(String transport, int workers) throws Exception {
    try (Pool pool = Workloads.builder(transport, workers, List.of()).build()) {
      pool.map(Workloads::noop, List.of(1, 2, 3, 4), 1); // workers up, nothing captured yet
      List<String> large = strings(LARGE, 'T');
      List<String> small = strings(SMALL, 't');
      System.out.printf(Locale.ROOT, "capture_mb %.1f MB (%d strings of 100 characters)%n",
          large.stream().mapToLong(s -> s.length() + 1).sum() / 1e6, LARGE);
      // The parent's encoder needs a few 20 MB values before it is compiled: three pairs untimed.
      double[] transfers = new double[5];
      for (int i = -3; i < transfers.length; i++) {
        double withLarge = timed(() -> pool.apply(CaptureBenchmark::size, large));
        double withSmall = timed(() -> pool.apply(CaptureBenchmark::size, small));
        if (i >= 0) {
          transfers[i] = withLarge - withSmall;
        }
      }
      double transfer = PoolBenchmark.median(transfers);
      PoolBenchmark.print("capture_transfer", transfer, "ms", transfers);
      for (int w = 0; w < WORKLOADS.length; w++) {
        List<String> ownSmall = strings(SMALL, (char) ('a' + w));
        List<String> ownLarge = strings(LARGE, (char) ('A' + w));
        double withSmall = workload(pool, w, ownSmall);
        double withLarge = workload(pool, w, ownLarge);
        PoolBenchmark.print("capture_" + WORKLOADS[w] + "_small", withSmall, "ms");
        PoolBenchmark.print("capture_" + WORKLOADS[w] + "_large", withLarge, "ms");
        System.out.printf(Locale.ROOT, "capture_%s_over_transfer %.2f x (transfers per worker, %d workers)%n",
            WORKLOADS[w], (withLarge - withSmall) / (transfer * workers), workers);
      }
    }
  }

  interface Call {
    void run() throws Exception;
  }

  private static double timed(Call call) throws Exception {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1e6;
  }

  /** Milliseconds for one workload whose function captures {@code captured}. */
  private static double workload(Pool pool, int which, List<String> captured) throws Exception {
    return timed(() -> {
      switch (which) {
        case 0 -> {
          try (ResultIterator<Integer> it = pool.imap(x -> captured.get(x % captured.size()).length() + x,
              Workloads.range(200))) {
            it.forEachRemaining(x -> { });
          }
        }
        case 1 -> pool.map(x -> captured.get(x % captured.size()).length() + x, Workloads.range(20_000), 100);
        case 2 -> {
          for (int i = 0; i < 50; i++) {
            int offset = i;
            Workloads.check(pool.apply(() -> captured.size() + offset) == captured.size() + i, "apply");
          }
        }
        default -> {
          Shared<List<String>> shared = pool.share(captured);
          for (int i = 0; i < 50; i++) {
            int offset = i;
            Workloads.check(pool.apply(() -> shared.get().size() + offset) == captured.size() + i, "apply");
          }
        }
      }
    });
  }

  /** {@code n} distinct strings of 100 characters, each starting with {@code salt}. */
  private static List<String> strings(int n, char salt) {
    List<String> strings = new ArrayList<>(n);
    char[] chars = new char[100];
    for (int i = 0; i < n; i++) {
      Arrays.fill(chars, ' ');
      chars[0] = salt;
      String number = Integer.toString(i);
      number.getChars(0, number.length(), chars, 1);
      strings.add(new String(chars));
    }
    return strings;
  }
}
