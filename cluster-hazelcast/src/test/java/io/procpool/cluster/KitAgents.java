package io.procpool.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One set of three agents for a kit class's tests: started at the first, stopped after the class. */
final class KitAgents {
  private static LocalCluster cluster;

  private KitAgents() {}

  static synchronized LocalCluster cluster() {
    if (cluster == null) {
      try {
        cluster = LocalCluster.start(3);
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
