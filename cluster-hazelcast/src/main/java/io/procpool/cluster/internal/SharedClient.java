package io.procpool.cluster.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Hazelcast client per cluster (its name, the members named, the key) in this JVM, shared by
 * whatever holds it: each pool's {@link ClusterLauncher}, and a {@code LocalCluster} while it runs.
 * A client takes a second or more to start and holds a dozen threads, and a program's pools, or a
 * test class's, are many. Counted: the last holder to let go shuts the client down, so no
 * Hazelcast thread outlives it. The key is part of what is shared because every holder opens
 * every answer that reaches the client's inbox: one with another key would refuse them all.
 * While any client is open, an {@link ExitWatch} lets the JVM exit as if their threads were daemons.
 */
public final class SharedClient {
  private static final Map<Key, SharedClient> OPEN = new HashMap<>();
  /** Watches for the JVM's exit while a client is open; null while none is. */
  private static Thread exitWatch;

  private record Key(String clusterName, List<String> members, String keyFingerprint) {}

  private final Key key;
  private final HazelcastInstance client;
  private int holders;

  private SharedClient(Key key, HazelcastInstance client) {
    this.key = key;
    this.client = client;
  }

  /**
   * The client of this cluster, started now if nobody in this JVM holds one; release it once.
   *
   * @param settings where the cluster is, and its key
   * @return the client, held once more
   * @throws IllegalStateException if the cluster cannot be reached, saying what to check
   */
  public static SharedClient acquire(ClusterSettings settings) {
    Key key = new Key(settings.clusterName(), List.copyOf(settings.members()), settings.key().fingerprint());
    synchronized (OPEN) {
      SharedClient shared = OPEN.get(key);
      if (shared == null) {
        shared = new SharedClient(key, connect(settings));
        OPEN.put(key, shared);
        if (exitWatch == null) {
          exitWatch = ExitWatch.start(SharedClient::shutDownAll, SharedClient::noneOpen);
        }
      }
      shared.holders++;
      return shared;
    }
  }

  private static HazelcastInstance connect(ClusterSettings settings) {
    try {
      return HazelcastClient.newHazelcastClient(HazelcastSettings.client(settings.clusterName(), settings.members()));
    } catch (IllegalStateException e) {
      throw new IllegalStateException("cannot reach the procpool cluster '" + settings.clusterName() + "' at "
          + settings.members() + " within " + HazelcastSettings.CONNECT_TIMEOUT.toSeconds() + " s: is an agent running"
          + " there, with that cluster name? (java -cp ... io.procpool.cluster.ClusterAgent --key-file FILE)", e);
    }
  }

  /** {@return the Hazelcast client} Only while held. */
  public HazelcastInstance client() {
    return client;
  }

  /** {@return how many holders this JVM's clients have in all, for tests} */
  public static int holdersInThisJvm() {
    synchronized (OPEN) {
      return OPEN.values().stream().mapToInt(shared -> shared.holders).sum();
    }
  }

  /** Lets go of the client; the last holder shuts it down before this returns. */
  public void release() {
    synchronized (OPEN) {
      if (holders == 0) {
        throw new IllegalStateException("released more often than acquired");
      }
      if (--holders > 0) {
        return;
      }
      OPEN.remove(key, this); // unless the JVM's exit shut it down already
      // Within the lock: one who acquires this cluster next gets a new client, after this one is gone.
      client.shutdown();
      stopWatchingIfNoneOpen();
    }
  }

  private static boolean noneOpen() {
    synchronized (OPEN) {
      return OPEN.isEmpty();
    }
  }

  private static void stopWatchingIfNoneOpen() {
    if (OPEN.isEmpty() && exitWatch != null) {
      exitWatch.interrupt();
      exitWatch = null;
    }
  }

  /** The JVM is exiting but for the clients' threads: they go, whoever still holds them. */
  private static void shutDownAll() {
    synchronized (OPEN) {
      OPEN.values().forEach(shared -> shared.client.shutdown());
      OPEN.clear();
      exitWatch = null;
    }
  }
}
