package io.procpool.cluster;

import io.procpool.cluster.internal.ClusterKey;
import io.procpool.cluster.internal.agent.Agent;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The agent a cluster pool needs on each machine: it joins the Hazelcast cluster as a member and
 * starts worker JVMs for pools that ask with a request sealed with the cluster key.
 *
 * <pre>
 * java -cp ALL_JARS io.procpool.cluster.ClusterAgent --new-key cluster.key     # once, then copy it, chmod 600
 * java -cp ALL_JARS io.procpool.cluster.ClusterAgent --key-file cluster.key \
 *     [--host 127.0.0.1] [--port 5701] [--members host:port,...] [--name NAME] [--cluster procpool]
 *     [--jar-cache DIR]
 * </pre>
 *
 * <p>It prints one line, {@code procpool agent NAME ready at HOST:PORT}, once it has joined, and
 * runs until it is stopped (SIGTERM or SIGINT stop its workers first).
 */
public final class ClusterAgent {
  /** The cluster name agents and pools use unless told otherwise. */
  public static final String DEFAULT_CLUSTER_NAME = "procpool";

  private ClusterAgent() {}

  /**
   * Runs an agent, or writes a new key file with {@code --new-key FILE}.
   *
   * @param args the options above
   * @throws Exception if the key cannot be read or the cluster cannot be joined
   */
  public static void main(String[] args) throws Exception {
    Path keyFile = null;
    String host = "127.0.0.1";
    int port = 5701;
    List<String> members = new ArrayList<>();
    String name = null;
    String cluster = DEFAULT_CLUSTER_NAME;
    Path jarCache = defaultJarCache();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--new-key" -> {
          ClusterKey.generate(Path.of(value));
          System.out.println("wrote a new cluster key to " + value + " (owner-only); give the same file to every agent and pool");
          return;
        }
        case "--key-file" -> keyFile = Path.of(value);
        case "--host" -> host = value;
        case "--port" -> port = Integer.parseInt(value);
        case "--members" -> members.addAll(Arrays.asList(value.split(",")));
        case "--name" -> name = value;
        case "--cluster" -> cluster = value;
        case "--jar-cache" -> jarCache = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option
            + "; known: --key-file, --host, --port, --members, --name, --cluster, --jar-cache, --new-key");
      }
    }
    if (keyFile == null) {
      throw new IllegalArgumentException("--key-file FILE is required (create one with --new-key FILE)");
    }
    if (members.isEmpty()) {
      members.add(host + ":" + port);
    }
    if (name == null) {
      name = hostName() + "-" + ProcessHandle.current().pid();
    }
    run(Agent.start(name, ClusterKey.readFrom(keyFile), cluster, host, port, members, jarCache), name);
  }

  private static void run(Agent agent, String name) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "procpool-agent-stop"));
    System.out.println("procpool agent " + name + " ready at " + agent.address());
    System.out.flush();
    stopped.await();
  }

  /** {@code $XDG_CACHE_HOME/procpool/agent-jars}, or {@code ~/.cache/procpool/agent-jars}. */
  private static Path defaultJarCache() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("procpool").resolve("agent-jars");
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "agent";
    }
  }
}
