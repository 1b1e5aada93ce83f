package io.procpool.cluster;

import com.google.inject.Module;
import io.procpool.tck.TransportCapability;
import io.procpool.tck.TransportTestKit;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * What the kit needs to know of cluster mode, for its two halves. Not run by default (each half
 * takes minutes, every test's pool a new Hazelcast client): {@code mvn -pl cluster-hazelcast -am verify
 * -Pcluster-kit}. What cluster mode does not do yet: a frame limit of the pool's choosing, a
 * worker java or working directory of its own (agents use theirs), a parent program the kit
 * starts (it would need the cluster's settings), and an impostor (the netty transport's own kit
 * runs that contract on the same listener).
 *
 * <p>Where it stands (2026-12-01, quiet 2-core machine): the calls pass, 81 of 81 in 75 s; the
 * faults and life cycle, 62 of 70 run (23 skipped by capability) in 125 s. The misses: four tests
 * whose programs build a pool from the module's class name (this module has no no-arg
 * constructor: the program would need the cluster's settings), and the two pending-connection
 * tests, after which a Hazelcast client outlives its pool (its launcher is not closed there), so
 * the leak check fails them and the two tests after them.
 */
abstract class ClusterKit implements TransportTestKit {
  @AfterAll
  static void stopAgents() {
    KitAgents.stop();
  }

  @Override
  public Module transportModule() {
    return KitAgents.cluster().module();
  }

  @Override
  public Set<TransportCapability> unsupportedCapabilities() {
    return EnumSet.of(TransportCapability.FRAME_LIMIT, TransportCapability.WORKER_JVM_SETTINGS,
        TransportCapability.WORKERS_EXIT_WITH_PARENT, TransportCapability.ACCEPTS_CONNECTIONS);
  }
}
