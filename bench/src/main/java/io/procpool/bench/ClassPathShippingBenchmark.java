package io.procpool.bench;

import io.procpool.cluster.internal.CodeServer;
import io.procpool.cluster.internal.ShippedJars;
import io.procpool.cluster.internal.agent.JarCache;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * What shipping a class path of ~50 MiB to an agent costs, with cluster mode's own parts and no
 * agent JVM in the way: the pool hashing it ({@code ShippedJars}, once per pool), an agent fetching
 * all of it into an empty jar cache ({@code JarCache} from {@code CodeServer}), and a later pool's
 * fetch that finds every jar held. Over plain HTTP on loopback (one machine) and over HTTPS with
 * the pinned certificate on this machine's network address (other machines), rounds alternated.
 * The class path is this JVM's, padded with a jar of random (incompressible) bytes up to the size.
 *
 * <p>Usage: {@code ClassPathShippingBenchmark [--rounds N] [--mib N]} (defaults 3 and 50).
 */
public final class ClassPathShippingBenchmark {
  private ClassPathShippingBenchmark() {}

  /**
   * Runs it.
   *
   * @param args {@code --rounds N}, {@code --mib N}
   * @throws Exception if a part fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = 3;
    long mib = 50;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--mib" -> mib = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --rounds, --mib");
      }
    }
    Path work = Files.createTempDirectory("procpool-shipping");
    try {
      List<String> classPath = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
      long own = classPath.stream().mapToLong(ClassPathShippingBenchmark::size).sum();
      long padding = Math.max(0, mib * 1024 * 1024 - own);
      classPath.add(pad(work.resolve("padding.jar"), padding).toString());
      System.out.printf("class path: %d entries, %.1f MiB (%.1f MiB of it this JVM's, the rest a padding jar)%n",
          classPath.size(), (own + padding) / 1048576.0, own / 1048576.0);
      Map<String, InetAddress> servers = new LinkedHashMap<>();
      servers.put("http, loopback", InetAddress.getLoopbackAddress());
      InetAddress network = io.procpool.cluster.LocalCluster.networkAddress().orElse(null);
      if (network != null) {
        servers.put("https, " + network.getHostAddress(), network);
      } else {
        System.out.println("no address but loopback: HTTPS not measured");
      }
      Map<String, List<double[]>> figures = new LinkedHashMap<>();
      int caches = 0;
      for (int round = 1; round <= rounds; round++) {
        for (Map.Entry<String, InetAddress> server : servers.entrySet()) {
          double[] measured = measure(classPath, server.getValue(), work.resolve("cache-" + ++caches)); // each empty
          figures.computeIfAbsent(server.getKey(), k -> new ArrayList<>()).add(measured);
          System.out.printf("round %d %s: hash %.0f ms, fetch all %.0f ms (%.0f MiB/s), fetch none %.1f ms%n", round,
              server.getKey(), measured[0], measured[1], measured[3] / 1048576.0 / (measured[1] / 1000), measured[2]);
        }
      }
      System.out.println();
      System.out.println("| server | rounds | pool hashes the class path (ms) | agent fetches all into an empty cache (ms) | MiB/s | later pool, all held (ms) |");
      System.out.println("|---|---|---|---|---|---|");
      for (Map.Entry<String, List<double[]>> row : figures.entrySet()) {
        double bytes = row.getValue().get(0)[3];
        double fetch = median(row.getValue(), 1);
        System.out.printf("| %s | %d | %.0f (cold %.0f) | %.0f (cold %.0f) | %.0f | %.1f |%n", row.getKey(), rounds,
            median(row.getValue(), 0), row.getValue().get(0)[0], fetch, row.getValue().get(0)[1],
            bytes / 1048576.0 / (fetch / 1000), median(row.getValue(), 2));
      }
      System.out.println("median of the rounds; cold = round 1, this JVM's code not yet compiled");
    } finally {
      try (var files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** {hash ms, fetch-all ms, fetch-none ms, bytes fetched}. */
  private static double[] measure(List<String> classPath, InetAddress address, Path cacheDirectory) throws Exception {
    long t = System.nanoTime();
    try (ShippedJars jars = new ShippedJars(classPath)) {
      double hash = (System.nanoTime() - t) / 1e6;
      try (CodeServer server = new CodeServer(jars, address, 0)) {
        List<String> requested = jars.jars().stream().map(jar -> jar.sha256() + " " + jar.name()).collect(Collectors.toList());
        JarCache cache = new JarCache(cacheDirectory);
        t = System.nanoTime();
        cache.classPath(requested, server.url(), server.token(), server.pin());
        double all = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        cache.classPath(requested, server.url(), server.token(), server.pin());
        double none = (System.nanoTime() - t) / 1e6;
        return new double[] {hash, all, none, cache.fetchedBytes()};
      }
    }
  }

  /** A jar of one stored entry of random bytes: neither the jar nor the wire can shrink it. */
  private static Path pad(Path jar, long bytes) throws IOException {
    byte[] content = new byte[(int) bytes];
    new Random(42).nextBytes(content);
    CRC32 crc = new CRC32();
    crc.update(content);
    JarEntry entry = new JarEntry("padding.bin");
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    entry.setCrc(crc.getValue());
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(entry);
      out.write(content);
      out.closeEntry();
    }
    return jar;
  }

  private static long size(String entry) {
    try {
      Path path = Path.of(entry);
      return Files.isRegularFile(path) ? Files.size(path) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static double median(List<double[]> rounds, int index) {
    double[] values = rounds.stream().mapToDouble(r -> r[index]).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }
}
