package io.procpool.bench;

import io.procpool.Pool;
import io.procpool.bench.Workloads.Form;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a fresh pool's first round of a workload spends its CPU (issue 13's cold rows): a pool of
 * 2 workers answers one apply, then runs the workload once ({@code map}: map 1M, {@code async}:
 * 20k applyAsync, {@code imap}: imap of 20k at chunk size 1, all of a method reference), and this
 * prints its rate and the CPU each kind of thread took meanwhile, from {@code /proc} (Linux only),
 * summed over the parent or over both workers: the caller's thread ({@code java}), the JIT's
 * ({@code C1}, {@code C2}), the collector's, the transport's. Run each variant in its own JVM,
 * alternated; the JIT's share is what a cold round is bound by on 2 cores:
 *
 * <pre>{@code
 * java -cp "$(ls bench/target/bench-*.jar):$(cat bench/target/classpath.txt)" io.procpool.bench.ColdRoundCpu pipes map
 * }</pre>
 */
public final class ColdRoundCpu {
  private ColdRoundCpu() {}

  /**
   * Runs it.
   *
   * @param args a transport name, a workload ({@code map}, {@code async} or {@code imap}), then worker JVM options
   * @throws Exception if the pool fails
   */
  public static void main(String[] args) throws Exception {
    String workload = args[1];
    try (Pool pool = Workloads.builder(args[0], 2, List.of(args).subList(2, args.length)).build()) {
      Workloads.applyOnce(pool, Form.REF, 0);
      pool.map(Workloads::noop, List.of(1, 2, 3, 4), 1); // both workers up
      Thread.sleep(300);
      Map<String, Long> before = ticks();
      long start = System.nanoTime();
      double rate = switch (workload) {
        case "map" -> Workloads.map(pool, Form.REF, 1_000_000, 0);
        case "async" -> Workloads.applyAsync(pool, Form.REF, 20_000);
        case "imap" -> Workloads.imap(pool, Form.REF, 20_000, 0);
        default -> throw new IllegalArgumentException("no workload " + workload + ": map, async or imap");
      };
      double ms = (System.nanoTime() - start) / 1e6;
      Map<String, Long> spent = new TreeMap<>();
      ticks().forEach((thread, now) -> {
        long delta = now - before.getOrDefault(thread, 0L);
        if (delta > 0) {
          spent.merge(thread.substring(0, thread.indexOf('#')), delta, Long::sum);
        }
      });
      System.out.printf(Locale.ROOT, "%s %s cold: %.0f a second, %.0f ms; CPU by thread kind, ms:", args[0], workload,
          rate, ms);
      long hz = 100; // USER_HZ, the unit of /proc/PID/task/TID/stat on Linux
      spent.forEach((kind, t) -> System.out.printf(Locale.ROOT, " %s=%d", kind, t * 1000 / hz));
      System.out.println();
    }
  }

  /** CPU ticks (user + system) of each thread of this JVM and its workers, by "jvm/kind#tid". */
  private static Map<String, Long> ticks() throws IOException {
    Map<String, Long> ticks = new HashMap<>();
    List<ProcessHandle> jvms = new ArrayList<>();
    jvms.add(ProcessHandle.current());
    ProcessHandle.current().children()
        .filter(p -> p.info().commandLine().orElse("").contains("procpool.worker.name"))
        .forEach(jvms::add);
    for (ProcessHandle jvm : jvms) {
      String side = jvm.equals(ProcessHandle.current()) ? "parent" : "workers";
      try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(jvm.pid()), "task"))) {
        for (Path thread : threads) {
          try {
            String stat = Files.readString(thread.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks.put(side + "/" + kind(name) + "#" + thread.getFileName(),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
          } catch (IOException gone) {
            // the thread ended between the listing and the read
          }
        }
      }
    }
    return ticks;
  }

  private static String kind(String threadName) {
    if (threadName.startsWith("C1 ") || threadName.startsWith("C2 ")) {
      return threadName.substring(0, 2);
    }
    return threadName.replaceAll("[-#]?\\d+$", "");
  }
}
