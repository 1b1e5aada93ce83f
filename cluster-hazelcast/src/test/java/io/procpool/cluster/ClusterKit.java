package io.procpool.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Module;
import com.hazelcast.client.HazelcastClient;
import io.procpool.cluster.internal.SharedClient;
import io.procpool.tck.TransportCapability;
import io.procpool.tck.TransportTestKit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the kit needs to know of cluster mode, for its two halves, over three agents on this
 * machine. The agents start before the class's first test, and with them the one Hazelcast client
 * that every test's pool shares (see {@link LocalCluster}); after each test that client is the only
 * one left, and after the class none is, nor any Hazelcast thread.
 *
 * <p>Every capability is there but one, the impostor ({@link TransportCapability#ACCEPTS_CONNECTIONS},
 * 4 tests skipped): the workers connect to the netty transport's own TCP listener, with its own
 * handshake, so a stranger knocks on the very door the netty kit's TCP classes already test
 * ({@code NettyFaultsOverTlsTest}, and {@code RejectedConnectionsOverTcpTest} in the clear),
 * and the kit's impostor for that door ({@code NettyImpostor})
 * is in transport-netty's tests, which this module does not see. The kit's programs (a JVM each)
 * make {@code new HazelcastCluster()} from {@link #programSystemProperties()}.
 *
 * <p>Where it stands (2026-12-01, this 2-core machine shared with other builds, load 2-10):
 * {@code mvn -pl cluster-hazelcast -am verify -Pcluster-kit -Dtest='ClusterKit*Test'} runs all of
 * it green, the calls 81 of 81 in 64-88 s, the faults and life cycle 89 of 93 (4 skipped) in
 * 109-190 s: about as long as the netty kit over TCP with local workers (71 s and 128 s in the same
 * sitting as a 64 s and 119 s run here). A test's time is its workers' start, as with local ones;
 * sharing the cluster's client saves ~35 ms per pool (bench/LOG.md), within this machine's noise
 * over the whole kit. Too long for plain {@code mvn verify}: README's test command runs it
 * ({@code -Pcluster-kit}), and so CI.
 */
abstract class ClusterKit implements TransportTestKit {
  @BeforeAll
  static void startAgents() {
    KitAgents.cluster();
  }

  @AfterAll
  static void stopAgentsAndCheckNothingIsLeft() {
    KitAgents.stop();
    assertEquals(0, SharedClient.holdersInThisJvm(), "holders of a Hazelcast client left after the agents stopped");
    assertEquals(List.of(), hazelcastThreads(), "Hazelcast threads left after the agents stopped");
  }

  private static List<String> hazelcastThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(name -> name.startsWith("hz.") || name.contains("procpool-pool-")).collect(Collectors.toList());
  }

  @Override
  public Module transportModule() {
    return KitAgents.cluster().module();
  }

  @Override
  public Module transportModuleWithFrameLimit(int maxFrameBytes) {
    return KitAgents.cluster().pointedAt().maxFrameBytes(maxFrameBytes).build();
  }

  /** The kit's programs make {@code new HazelcastCluster()}, which reads these. */
  @Override
  public Map<String, String> programSystemProperties() {
    LocalCluster cluster = KitAgents.cluster();
    return Map.of(HazelcastCluster.MEMBERS_PROPERTY, String.join(",", cluster.members(KitAgents.AGENTS)),
        HazelcastCluster.KEY_FILE_PROPERTY, cluster.keyFile().toString(),
        HazelcastCluster.NAME_PROPERTY, cluster.clusterName());
  }

  /** The pools of a test let go of their clients with it: only the agents' own is left. */
  @Override
  public void afterPoolsTerminated() {
    int clusters = KitAgents.CLIENT_PER_POOL ? 0 : 1;
    assertEquals(clusters, SharedClient.holdersInThisJvm(), "holders of this JVM's Hazelcast client: the cluster's and none else");
    assertEquals(clusters, HazelcastClient.getAllHazelcastClients().size(), "Hazelcast clients in this JVM");
  }

  @Override
  public Set<TransportCapability> unsupportedCapabilities() {
    return EnumSet.of(TransportCapability.ACCEPTS_CONNECTIONS);
  }
}
