package io.procpool.cluster.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.Message;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The pool's side of cluster mode: a Hazelcast client that asks agents to start workers. Each
 * request is sealed with the cluster key; the agents' answers (started, exited) come back sealed
 * to this pool's inbox topic. Membership events stand in for a dead process: when an agent's member
 * leaves, every worker it ran is gone, as a local worker killed outright is.
 */
public final class ClusterLauncher implements WorkerLauncher, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.procpool.cluster");

  private final HazelcastInstance client;
  private final Sealed sealed;
  private final UUID me;
  private final Placement placement;
  private final Duration answerWithin;
  private final java.net.InetAddress poolAddress;
  private final int jarPort;
  private final Map<String, RemoteWorkerProcess> workers = new ConcurrentHashMap<>();
  /** The class path as jars, and the server agents fetch them from: made at the first launch. */
  private ShippedJars jars;
  private CodeServer code;

  /**
   * Connects to the cluster.
   *
   * @param settings where the cluster is, its key, and how workers are spread
   */
  public ClusterLauncher(ClusterSettings settings) {
    this.client = connect(settings);
    this.sealed = new Sealed(settings.key(), Clock.systemUTC());
    this.me = client.getLocalEndpoint().getUuid();
    this.placement = new Placement(settings.workersPerMember());
    this.answerWithin = settings.answerWithin();
    this.poolAddress = settings.poolAddress();
    this.jarPort = settings.jarPort();
    client.<byte[]>getTopic(HazelcastSettings.inbox(me)).addMessageListener(this::onMessage);
    client.getCluster().addMembershipListener(new AgentsLeaving());
    client.getCluster().getMembers().forEach(this::consider);
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

  @Override
  public WorkerProcess launch(WorkerLaunchSpec spec) throws IOException {
    if (spec.stdout() == WorkerLaunchSpec.Stdout.PIPE) {
      throw new IOException("a cluster worker's standard output stays on its machine; its transport must not read"
          + " it (use the netty transport, as HazelcastCluster does)");
    }
    AgentRef agent = placement.next(workers.values());
    PoolAddress.requireReachable(agent, poolAddress);
    shipping(spec.classPath());
    RemoteWorkerProcess process = new RemoteWorkerProcess(spec.workerName(), agent,
        p -> {
          send(p, Sealed.Kind.LAUNCH, launchOf(spec, p).encode());
          expectAnswer(p);
        },
        p -> send(p, Sealed.Kind.KILL, new Messages.Kill(p.name()).encode()));
    workers.put(spec.workerName(), process);
    process.exitCode().whenComplete((code, e) -> workers.remove(spec.workerName(), process));
    return process;
  }

  private synchronized void shipping(List<String> classPath) throws IOException {
    if (jars == null) {
      long start = System.nanoTime();
      jars = new ShippedJars(classPath);
      code = new CodeServer(jars, poolAddress, jarPort);
      LOG.log(System.Logger.Level.DEBUG, "class path: {0} jars, {1} bytes, hashed in {2} ms", jars.jars().size(),
          jars.totalBytes(), (System.nanoTime() - start) / 1_000_000);
    }
  }

  private synchronized Messages.Launch launchOf(WorkerLaunchSpec spec, RemoteWorkerProcess process) {
    List<String> shipped = jars.jars().stream().map(jar -> jar.sha256() + " " + jar.name()).collect(Collectors.toList());
    return new Messages.Launch(spec.workerName(), spec.mainClass(), shipped, code.url(), code.token(), code.pin(),
        List.copyOf(spec.jvmOptions()), Map.copyOf(spec.systemProperties()), Map.copyOf(spec.environment()),
        process.stdinBytes());
  }

  /** {@return the bytes of jars agents have fetched from this pool so far} */
  public synchronized long jarBytesServed() {
    return code == null ? 0 : code.bytesServed();
  }

  /**
   * An agent answers every launch request it opened, started or not; one it refused (another
   * cluster's key, a replay) gets no answer, since the agent cannot tell who really sent it. So a
   * request unanswered within the settings' {@code answerWithin} counts as a worker that never started, and
   * says what to check: after three such, the pool breaks with this message rather than wait.
   */
  private void expectAnswer(RemoteWorkerProcess process) {
    CompletableFuture.delayedExecutor(answerWithin.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
      if (process.pid() < 0 && !process.exitCode().isDone()) {
        process.gone(List.of(process.agent + " did not answer the request to start " + process.name() + " within "
            + answerWithin.toSeconds() + " s. An agent ignores requests sealed with another key than its own: is it"
            + " started with the same cluster key file as this pool (key " + sealed.keyFingerprint() + ")? Its log says"
            + " why it refused a request."));
      }
    });
  }

  private void send(RemoteWorkerProcess process, Sealed.Kind kind, byte[] body) {
    try {
      client.<byte[]>getTopic(HazelcastSettings.inbox(process.agent.memberId()))
          .publish(sealed.seal(kind, me, process.agent.memberId(), body));
    } catch (RuntimeException e) {
      process.gone(List.of("could not reach " + process.agent + ": " + e));
    }
  }

  private void onMessage(Message<byte[]> message) {
    Sealed.Opened opened;
    try {
      opened = sealed.open(message.getMessageObject(), me);
    } catch (SealedMessageException e) {
      LOG.log(System.Logger.Level.WARNING, "refused a message from {0}: {1}", message.getPublishingMember(), e.getMessage());
      return;
    }
    try {
      switch (opened.kind()) {
        case STARTED -> {
          Messages.Started started = Messages.Started.decode(opened.body());
          RemoteWorkerProcess process = workers.get(started.workerName());
          if (process != null) {
            process.started(started.pid(), started.failure());
          }
        }
        case EXITED -> {
          Messages.Exited exited = Messages.Exited.decode(opened.body());
          RemoteWorkerProcess process = workers.get(exited.workerName());
          if (process != null) {
            process.exited(exited.exitCode(), exited.lastStderrLines());
          }
        }
        default -> LOG.log(System.Logger.Level.WARNING, "ignored a {0} message: pools take STARTED and EXITED", opened.kind());
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not read a {0} message from {1}: {2}", opened.kind(), opened.sender(),
          e.getMessage());
    }
  }

  private void consider(Member member) {
    if (member.getAttribute(HazelcastSettings.AGENT_ATTRIBUTE) != null) {
      placement.add(AgentRef.of(member));
    }
  }

  /** Agents joining are given workers from then on; agents leaving take theirs with them. */
  private final class AgentsLeaving implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      consider(event.getMember());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      AgentRef agent = AgentRef.of(event.getMember());
      placement.remove(agent);
      for (RemoteWorkerProcess process : new ArrayList<>(workers.values())) {
        if (process.agent.memberId().equals(agent.memberId())) {
          process.gone(List.of(agent + " left the cluster, and " + process.name() + " with it"));
        }
      }
    }
  }

  /** Leaves the cluster; the agents stop whatever workers of this pool are left. */
  @Override
  public void close() {
    client.shutdown();
    synchronized (this) {
      if (code != null) {
        code.close();
        try {
          jars.close();
        } catch (IOException e) {
          LOG.log(System.Logger.Level.DEBUG, "could not delete the jars packed from class path directories", e);
        }
      }
    }
    for (RemoteWorkerProcess process : new ArrayList<>(workers.values())) {
      process.gone(List.of("the pool left the cluster"));
    }
  }
}
