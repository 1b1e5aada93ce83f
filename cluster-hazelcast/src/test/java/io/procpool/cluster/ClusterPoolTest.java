package io.procpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPoolTest {
  @TempDir
  static Path directory;
  static LoopbackCluster cluster;

  @BeforeAll
  static void startAgents() throws Exception {
    cluster = new LoopbackCluster(directory);
    cluster.start(3);
  }

  @AfterAll
  static void stopAgents() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static String whereAmI(Integer item) throws InterruptedException {
    Thread.sleep(20);
    return System.getProperty("procpool.cluster.agent") + "/" + io.procpool.CurrentProcess.name();
  }

  @Test
  void sixWorkersAreSpreadTwoByTwoOverThreeAgentsAndMapRunsOnAllOfThem() throws Exception {
    HazelcastCluster hazelcast = HazelcastCluster.at(cluster.members(3)).clusterName(cluster.clusterName)
        .keyFile(cluster.keyFile).build();
    try (Pool pool = ProcessPool.builder().transport(hazelcast).workers(6).build()) {
      List<String> where = pool.map(ClusterPoolTest::whereAmI, IntStream.range(0, 600).boxed().collect(Collectors.toList()), 1);
      Map<String, Long> workersByAgent = where.stream().distinct()
          .collect(Collectors.groupingBy(w -> w.substring(0, w.indexOf('/')), TreeMap::new, Collectors.counting()));
      assertEquals(Map.of("agent-1", 2L, "agent-2", 2L, "agent-3", 2L), workersByAgent, "workers by agent: " + where.stream().distinct().sorted().collect(Collectors.toList()));
    }
  }
}
