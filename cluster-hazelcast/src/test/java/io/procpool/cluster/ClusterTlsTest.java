package io.procpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.Guice;
import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import io.procpool.transport.netty.NettyTransportOptions;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pool that listens on this machine's own network address, as it would for agents on other
 * machines: its workers connect over TLS and its agents fetch its jars over HTTPS, each checking
 * the pool's certificate against the pin in their sealed launch request. The agents here are on
 * loopback (one machine), their jar caches new, so that the jars are fetched in this test.
 */
@Tag("cluster")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterTlsTest {
  private static LocalCluster cluster;
  private static InetAddress network;

  @BeforeAll
  static void startAgents() throws Exception {
    Optional<InetAddress> mine = LocalCluster.networkAddress();
    assumeTrue(mine.isPresent(), "this machine has no address but loopback to listen on");
    network = mine.get();
    cluster = LocalCluster.start(2);
  }

  @AfterAll
  static void stopAgents() {
    if (cluster != null) {
      List<ProcessHandle> workers = cluster.workers();
      cluster.close();
      workers.forEach(worker -> assertFalse(worker.isAlive(), "worker " + worker.pid() + " left behind"));
    }
  }

  static String whereAmI(Integer item) {
    return System.getProperty("procpool.cluster.agent") + "/" + CurrentProcess.name() + "/" + (item * 2);
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, network)) {
      return probe.getLocalPort();
    }
  }

  /** On ports of the test's choosing, as behind a firewall that opens only those. */
  @Test
  void overANetworkAddressWorkersConnectWithTlsAndAgentsFetchTheJarsOverHttps() throws Exception {
    int workerPort = freePort();
    int jarPort = freePort();
    HazelcastCluster module = cluster.pointedAt().poolAddress(network).poolPorts(workerPort, jarPort).build();
    NettyTransportOptions transport = Guice.createInjector(module).getInstance(NettyTransportOptions.class);
    assertEquals(network, transport.tcpAddress());
    assertEquals(workerPort, transport.tcpPort());
    assertTrue(transport.encrypted(), "the pool's transport on " + network + " is plain: " + transport);

    try (Pool pool = ProcessPool.builder().transport(module).workers(4).build()) {
      // Until both agents' workers have answered: one agent's jars may arrive seconds after the other's.
      Set<String> agents = new java.util.TreeSet<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (agents.size() < 2 && System.nanoTime() < deadline) {
        List<String> where = pool.map(ClusterTlsTest::whereAmI, IntStream.range(0, 200).boxed().collect(Collectors.toList()), 1);
        for (int i = 0; i < where.size(); i++) {
          assertTrue(where.get(i).endsWith("/" + (i * 2)), where.get(i));
        }
        where.forEach(w -> agents.add(w.substring(0, w.indexOf('/'))));
      }
      assertEquals(Set.of("agent-1", "agent-2"), agents);
    }
    for (String agent : List.of("agent-1", "agent-2")) {
      String log = cluster.logOf(agent);
      assertTrue(log.contains("fetched") && log.contains(" at https://" + network.getHostAddress() + ":" + jarPort + " "),
          agent + " did not fetch the jars over HTTPS from " + network.getHostAddress() + ": " + log);
    }
  }

  @Test
  void withMembersOnLoopbackOnlyThePoolStaysOnLoopbackInTheClear() {
    NettyTransportOptions transport = Guice.createInjector(cluster.module()).getInstance(NettyTransportOptions.class);
    assertEquals(InetAddress.getLoopbackAddress(), transport.tcpAddress());
    assertFalse(transport.encrypted());
  }
}
