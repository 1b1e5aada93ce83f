package io.procpool.cluster.internal.agent;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.procpool.cluster.internal.ClusterKey;
import io.procpool.cluster.internal.HazelcastSettings;
import io.procpool.cluster.internal.Messages;
import io.procpool.cluster.internal.Sealed;
import io.procpool.cluster.internal.SealedMessageException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent on one machine: a Hazelcast member that starts worker JVMs for pools, on requests
 * sealed with the cluster key, reports their start and exit to the pool that asked, and stops
 * them when that pool leaves the cluster or the agent stops. Every worker it starts also watches
 * the agent's pid, so that an agent killed outright takes its workers with it.
 */
public final class Agent implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.procpool.cluster.agent");

  private final String name;
  private final HazelcastInstance hazelcast;
  private final Sealed sealed;
  private final UUID me;
  /** This agent's workers, by pool, then by worker name. */
  private final Map<UUID, Map<String, AgentWorker>> workers = new ConcurrentHashMap<>();
  /** Launches, off Hazelcast's event thread: starting a JVM takes a while. */
  private final ExecutorService launches = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "procpool-agent-launch");
    thread.setDaemon(true);
    return thread;
  });

  private final JarCache jars;

  private Agent(String name, HazelcastInstance hazelcast, ClusterKey key, JarCache jars) {
    this.name = name;
    this.jars = jars;
    this.hazelcast = hazelcast;
    this.sealed = new Sealed(key, Clock.systemUTC());
    this.me = hazelcast.getCluster().getLocalMember().getUuid();
  }

  /** Joins the cluster as a member and starts taking requests. */
  public static Agent start(String name, ClusterKey key, String clusterName, String host, int port, List<String> members,
      Path jarCache) throws IOException {
    JarCache jars = new JarCache(jarCache);
    HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(
        HazelcastSettings.member(clusterName, name, host, port, members));
    Agent agent = new Agent(name, hazelcast, key, jars);
    ITopic<byte[]> inbox = hazelcast.getTopic(HazelcastSettings.inbox(agent.me));
    inbox.addMessageListener(agent::onMessage);
    hazelcast.getClientService().addClientListener(agent.new PoolsLeaving());
    LOG.log(System.Logger.Level.INFO, "agent {0} ready as member {1} at {2}, cluster key {3}",
        name, agent.me, hazelcast.getCluster().getLocalMember().getAddress(), key.fingerprint());
    return agent;
  }

  /** This agent's member UUID, to which pools address their requests. */
  public UUID memberId() {
    return me;
  }

  /** Where this agent's member listens, {@code host:port}. */
  public String address() {
    var address = hazelcast.getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  private void onMessage(Message<byte[]> message) {
    Sealed.Opened opened;
    try {
      opened = sealed.open(message.getMessageObject(), me);
    } catch (SealedMessageException e) {
      LOG.log(System.Logger.Level.WARNING, "agent {0} refused a message from {1}: {2}; nothing was started",
          name, message.getPublishingMember(), e.getMessage());
      return;
    }
    try {
      switch (opened.kind()) {
        case LAUNCH -> {
          Messages.Launch launch;
          try {
            launch = Messages.Launch.decode(opened.body());
          } catch (Messages.UnreadableLaunch e) {
            refuseUnreadable(opened.sender(), e);
            return;
          }
          launches.execute(() -> launch(opened.sender(), launch));
        }
        case KILL -> kill(opened.sender(), Messages.Kill.decode(opened.body()).workerName());
        default -> LOG.log(System.Logger.Level.WARNING, "agent {0} ignored a {1} message: agents take LAUNCH and KILL",
            name, opened.kind());
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "agent {0} could not read a {1} message from pool {2}: {3}",
          name, opened.kind(), opened.sender(), e.getMessage());
    }
  }

  /**
   * The request is sealed with the key, so its sender is a pool of this cluster: it is told at
   * once rather than left to wait for an answer (a pool and agents of different versions, say).
   */
  private void refuseUnreadable(UUID pool, Messages.UnreadableLaunch e) {
    String why = "agent " + name + " could not read the request to start a worker: " + e.getMessage();
    LOG.log(System.Logger.Level.WARNING, "{0} (pool {1}); nothing was started", why, pool);
    if (e.workerName() != null) {
      tell(pool, Sealed.Kind.STARTED, new Messages.Started(e.workerName(), -1, why).encode());
    }
  }

  private void launch(UUID pool, Messages.Launch request) {
    AgentWorker worker;
    try {
      long fetchedBefore = jars.fetchedBytes();
      long start = System.nanoTime();
      List<String> classPath = jars.classPath(request.jars(), request.codeUrl(), request.codeToken(), request.codePin());
      long fetched = jars.fetchedBytes() - fetchedBefore;
      if (fetched > 0) {
        LOG.log(System.Logger.Level.INFO, "agent {0} fetched {1} bytes of jars from pool {2} at {3} in {4} ms", name,
            fetched, pool, request.codeUrl(), (System.nanoTime() - start) / 1_000_000);
      }
      worker = AgentWorker.start(pool, request, classPath, name, exited -> onExit(pool, exited));
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "agent {0} could not start {1} for pool {2}: {3}",
          name, request.workerName(), pool, e.toString());
      tell(pool, Sealed.Kind.STARTED, new Messages.Started(request.workerName(), -1, e.toString()).encode());
      return;
    }
    workers.computeIfAbsent(pool, p -> new ConcurrentHashMap<>()).put(worker.name, worker);
    LOG.log(System.Logger.Level.DEBUG, "agent {0} started {1} (pid {2}) for pool {3}", name, worker.name, worker.pid(), pool);
    tell(pool, Sealed.Kind.STARTED, new Messages.Started(worker.name, worker.pid(), null).encode());
  }

  private void onExit(UUID pool, Messages.Exited exited) {
    Map<String, AgentWorker> ofPool = workers.get(pool);
    if (ofPool != null) {
      ofPool.remove(exited.workerName());
    }
    tell(pool, Sealed.Kind.EXITED, exited.encode());
  }

  private void kill(UUID pool, String workerName) {
    Map<String, AgentWorker> ofPool = workers.get(pool);
    AgentWorker worker = ofPool == null ? null : ofPool.get(workerName);
    if (worker != null) {
      worker.kill();
    }
  }

  private void tell(UUID pool, Sealed.Kind kind, byte[] body) {
    try {
      hazelcast.<byte[]>getTopic(HazelcastSettings.inbox(pool)).publish(sealed.seal(kind, me, pool, body));
    } catch (RuntimeException e) { // the cluster is shutting down, or the pool is gone
      LOG.log(System.Logger.Level.DEBUG, "agent {0} could not tell pool {1} of {2}: {3}", name, pool, kind, e.toString());
    }
  }

  /** Stops the workers of a pool that left: nobody is left to use them. */
  private final class PoolsLeaving implements ClientListener {
    @Override
    public void clientConnected(Client client) {}

    @Override
    public void clientDisconnected(Client client) {
      Map<String, AgentWorker> ofPool = workers.remove(client.getUuid());
      if (ofPool != null && !ofPool.isEmpty()) {
        LOG.log(System.Logger.Level.INFO, "agent {0}: pool {1} left the cluster; stopping its {2} workers",
            name, client.getUuid(), ofPool.size());
        ofPool.values().forEach(AgentWorker::kill);
      }
    }
  }

  /** Stops every worker, then leaves the cluster. */
  @Override
  public void close() {
    launches.shutdownNow();
    workers.values().forEach(ofPool -> ofPool.values().forEach(AgentWorker::kill));
    hazelcast.shutdown();
  }
}
