package io.procpool.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One set of three agents for a kit class's tests: started at the first, stopped after the class. */
final class KitAgents {
  /** How many agents the kit's cluster has. */
  static final int AGENTS = 3;
  /**
   * {@code -Dkit.clientPerPool=true}: every test's pool connects on its own, as before pools
   * shared the cluster's client; for measuring the difference (bench/LOG.md).
   */
  static final boolean CLIENT_PER_POOL = Boolean.getBoolean("kit.clientPerPool");
  private static LocalCluster cluster;

  private KitAgents() {}

  static synchronized LocalCluster cluster() {
    if (cluster == null) {
      try {
        cluster = LocalCluster.start(AGENTS);
        if (CLIENT_PER_POOL) {
          cluster.letGoOfSharedClient();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cluster;
  }

  static synchronized void stop() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
