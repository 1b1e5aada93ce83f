package io.procpool.examples;

import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.cluster.LocalCluster;
import io.procpool.core.ProcessPool;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The seed's map, in cluster mode: three agents on this machine (each a Hazelcast member JVM),
 * a pool of six workers spread over them, and a {@code map} of 0..29 whose items say where they ran.
 */
public final class ClusterMap {
  private ClusterMap() {}

  static String square(int num) {
    return num * num + " on " + System.getProperty("procpool.cluster.agent") + "/" + CurrentProcess.name();
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    try (LocalCluster cluster = LocalCluster.start(3);
         Pool pool = ProcessPool.builder().transport(cluster.module()).workers(6).build()) {
      System.out.printf("3 agents and 6 workers ready in %.1fs%n", (System.nanoTime() - start) / 1e9);
      List<String> results = pool.map(ClusterMap::square, SeedMap.range(30), 1);
      results.forEach(System.out::println);
      Map<String, Long> workersByAgent = results.stream().map(r -> r.substring(r.indexOf(" on ") + 4)).distinct()
          .collect(Collectors.groupingBy(w -> w.substring(0, w.indexOf('/')), TreeMap::new, Collectors.counting()));
      System.out.println("workers by agent: " + workersByAgent);
    }
    System.out.printf("time taken: %.2fs%n", (System.nanoTime() - start) / 1e9);
  }
}
