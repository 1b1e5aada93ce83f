package io.procpool.cluster.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.List;
import java.util.UUID;

/**
 * The Hazelcast configuration of agents (members) and pools (clients): TCP-IP join to the named
 * members only (no multicast, no cloud auto-detection, no phone-home), Java deserialization
 * limited to Hazelcast's default filter (our own messages are byte arrays), and failure detection
 * in seconds rather than a minute, since a member's loss is a worker's death to the pool.
 */
public final class HazelcastSettings {
  /** The member attribute that marks an agent, with the agent's name as its value. */
  public static final String AGENT_ATTRIBUTE = "procpool.agent";
  /** How every client's instance name, and so every one of its threads' names, begins. */
  public static final String CLIENT_NAME_PREFIX = "hz.procpool-client-";
  /** How long a pool tries to reach its cluster before its build fails. */
  public static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(15);

  private HazelcastSettings() {}

  /** The topic on which {@code recipient} (an agent's member UUID, or a pool's client UUID) receives. */
  public static String inbox(UUID recipient) {
    return "procpool.inbox." + recipient;
  }

  /** An agent's member configuration, bound to {@code host} from {@code port} on. */
  public static Config member(String clusterName, String agentName, String host, int port, List<String> members) {
    Config config = new Config().setClusterName(clusterName).setInstanceName("procpool-agent-" + agentName);
    common(config);
    config.getMemberAttributeConfig().setAttribute(AGENT_ATTRIBUTE, agentName);
    NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).addInterface(host);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
    return config;
  }

  /**
   * Hazelcast logs through java.util.logging (its "jdk" type; it has no System.Logger type). A
   * pool is silent at INFO while healthy, so unless the application's logging configuration names
   * a level for {@code com.hazelcast}, the client's INFO lines (connecting, members, statistics)
   * are held back; its warnings still show. Held here: java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger HAZELCAST_LOGS = java.util.logging.Logger.getLogger("com.hazelcast");

  private static void quietUnlessConfigured() {
    synchronized (HAZELCAST_LOGS) {
      if (HAZELCAST_LOGS.getLevel() == null) {
        HAZELCAST_LOGS.setLevel(java.util.logging.Level.WARNING);
      }
    }
  }

  /**
   * A pool's client configuration. Its threads are named after the instance, {@code hz.procpool-client-…},
   * as Hazelcast names its own instances: they are a shared client's ({@link SharedClient}), which
   * outlives the pools that use it while something else holds it, not one pool's.
   */
  public static ClientConfig client(String clusterName, List<String> members) {
    quietUnlessConfigured();
    ClientConfig config = new ClientConfig().setClusterName(clusterName)
        .setInstanceName(CLIENT_NAME_PREFIX + UUID.randomUUID().toString().substring(0, 8));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.getNetworkConfig().setAddresses(members);
    config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(CONNECT_TIMEOUT.toMillis());
    config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig());
    return config;
  }

  private static void common(Config config) {
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
  }
}
