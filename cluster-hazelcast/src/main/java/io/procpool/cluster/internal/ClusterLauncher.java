package io.procpool.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.Message;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The pool's side of cluster mode: a Hazelcast client that asks agents to start workers. Each
 * request is sealed with the cluster key; the agents' answers (started, exited) come back sealed
 * to the client's inbox topic. Membership events stand in for a dead process: when an agent's member
 * leaves, every worker it ran is gone, as a local worker killed outright is.
 *
 * <p>The client is this JVM's {@link SharedClient} for the cluster, so the pools that share it
 * share its inbox too: an agent knows a pool by its client, and keeps its workers by name. Each
 * launcher therefore gives its workers' names to the agents with a tag of its own
 * ({@code PoolWorker-1@3f9a2c}), takes from the inbox only the answers about those, and stops
 * its own leftovers when it closes, since its client, still held by others, does not leave.
 */
public final class ClusterLauncher implements WorkerLauncher, AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.procpool.cluster");

  private final SharedClient shared;
  private final HazelcastInstance client;
  /** Appended to the names of this launcher's workers where agents see them. */
  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final UUID inboxListener;
  private final UUID membershipListener;
  /**
   * Times the agents' answers. A timer of its own, stopped on close: the JDK's delayer thread,
   * once started, never ends, and a program's {@code mvn exec:java} would wait for it.
   */
  private final ScheduledThreadPoolExecutor answerTimer;
  private final Map<String, ScheduledFuture<?>> awaitingAnswer = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Sealed sealed;
  private final UUID me;
  private final Placement placement;
  private final Duration answerWithin;
  private final InetAddress poolAddress;
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
    this.shared = SharedClient.acquire(settings);
    this.client = shared.client();
    this.sealed = new Sealed(settings.key(), Clock.systemUTC());
    this.me = client.getLocalEndpoint().getUuid();
    this.placement = new Placement(settings.workersPerMember());
    this.answerWithin = settings.answerWithin();
    this.poolAddress = settings.poolAddress();
    this.jarPort = settings.jarPort();
    this.answerTimer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "procpool-cluster-answers");
      thread.setDaemon(true);
      return thread;
    });
    answerTimer.setRemoveOnCancelPolicy(true);
    try {
      this.inboxListener = client.<byte[]>getTopic(HazelcastSettings.inbox(me)).addMessageListener(this::onMessage);
      this.membershipListener = client.getCluster().addMembershipListener(new AgentsLeaving());
      client.getCluster().getMembers().forEach(this::consider);
    } catch (RuntimeException e) {
      shared.release();
      throw e;
    }
  }

  /** The name an agent knows the worker by: unique among the pools that share this launcher's client. */
  private String agentName(String workerName) {
    return workerName + "@" + tag;
  }

  @Override
  public WorkerProcess launch(WorkerLaunchSpec spec) throws IOException {
    if (spec.stdout() == WorkerLaunchSpec.Stdout.PIPE) {
      throw new IOException("a cluster worker's standard output stays on its machine; its transport must not read"
          + " it (use the netty transport, as HazelcastCluster does)");
    }
    AgentRef agent = placement.next(workers.values());
    PoolAddress.requireReachable(agent, poolAddress);
    requireJava(javaFor(spec), agent);
    shipping(spec.classPath());
    RemoteWorkerProcess process = new RemoteWorkerProcess(spec.workerName(), agent,
        p -> {
          send(p, Sealed.Kind.LAUNCH, launchOf(spec, p).encode());
          expectAnswer(p);
        },
        p -> send(p, Sealed.Kind.KILL, new Messages.Kill(agentName(p.name())).encode()));
    String agentName = agentName(spec.workerName());
    workers.put(agentName, process);
    process.exitCode().whenComplete((code, e) -> {
      workers.remove(agentName, process);
      answered(agentName);
    });
    return process;
  }

  /**
   * The java the user chose for the pool's workers, or "" for the agent's own: the pool's default
   * is this JVM's own java, a path on this machine that an agent's machine may not have.
   */
  private static String javaFor(WorkerLaunchSpec spec) {
    Path ours = Path.of(System.getProperty("java.home"), "bin", "java");
    return Path.of(spec.javaExecutable()).equals(ours) ? "" : spec.javaExecutable();
  }

  /**
   * A chosen java that is not there fails the launch at once, naming it, as with local workers,
   * when the agent runs on this machine, where the same path is looked for; an agent elsewhere
   * says so itself.
   */
  private static void requireJava(String java, AgentRef agent) throws IOException {
    if (java.isEmpty() || !PoolAddress.isThisMachine(agent.host())) {
      return;
    }
    Path path = Path.of(java);
    if (path.isAbsolute() && !Files.isExecutable(path)) {
      throw new IOException("Cannot start a worker with " + java + ": no such executable on this machine, where its"
          + " agent runs");
    }
  }

  private synchronized void shipping(List<String> classPath) throws IOException {
    if (jars == null) {
      long start = System.nanoTime();
      jars = new ShippedJars(classPath);
      code = startedOnADaemonThread(jars, poolAddress, jarPort);
      LOG.log(System.Logger.Level.DEBUG, "class path: {0} jars, {1} bytes, hashed in {2} ms", jars.jars().size(),
          jars.totalBytes(), (System.nanoTime() - start) / 1_000_000);
    }
  }

  private synchronized Messages.Launch launchOf(WorkerLaunchSpec spec, RemoteWorkerProcess process) {
    List<String> shipped = jars.jars().stream().map(jar -> jar.sha256() + " " + jar.name()).collect(Collectors.toList());
    return new Messages.Launch(agentName(spec.workerName()), spec.mainClass(), shipped, code.url(), code.token(),
        code.pin(),
        List.copyOf(spec.jvmOptions()), Map.copyOf(spec.systemProperties()), Map.copyOf(spec.environment()),
        process.stdinBytes(), javaFor(spec), spec.workingDirectory() == null ? "" : spec.workingDirectory().toString());
  }

  /**
   * The JDK's HTTP server takes its dispatcher thread's daemon status from the thread that starts
   * it: a daemon's here, so that the code server never keeps alive a program that left its pool
   * unclosed, as local workers do not.
   */
  private static CodeServer startedOnADaemonThread(ShippedJars jars, InetAddress address, int port)
      throws IOException {
    CodeServer[] started = new CodeServer[1];
    IOException[] failed = new IOException[1];
    Thread starter = new Thread(() -> {
      try {
        started[0] = new CodeServer(jars, address, port);
      } catch (IOException e) {
        failed[0] = e;
      }
    }, "procpool-code-server-start");
    starter.setDaemon(true);
    starter.start();
    boolean interrupted = false;
    while (starter.isAlive()) { // it takes milliseconds; leaving early would leave a server nobody stops
      try {
        starter.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failed[0] != null) {
      throw failed[0];
    }
    return started[0];
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
    Runnable unanswered = () -> {
      if (process.pid() < 0 && !process.exitCode().isDone()) {
        process.gone(List.of(process.agent + " did not answer the request to start " + process.name() + " within "
            + answerWithin.toSeconds() + " s. An agent ignores requests sealed with another key than its own: is it"
            + " started with the same cluster key file as this pool (key " + sealed.keyFingerprint() + ")? Its log says"
            + " why it refused a request."));
      }
    };
    try {
      awaitingAnswer.put(agentName(process.name()),
          answerTimer.schedule(unanswered, answerWithin.toMillis(), TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      process.gone(List.of("the pool left the cluster before " + process.agent + " answered"));
    }
  }

  private void answered(String agentName) {
    ScheduledFuture<?> timeout = awaitingAnswer.remove(agentName);
    if (timeout != null) {
      timeout.cancel(false);
    }
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
          if (process != null) { // else another pool's, on the same client
            answered(started.workerName());
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

  /**
   * Stops whatever workers of this pool are left (the pool has stopped them already when it
   * closes this) and lets go of the client, which leaves the cluster with its last holder.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    answerTimer.shutdownNow();
    try {
      client.<byte[]>getTopic(HazelcastSettings.inbox(me)).removeMessageListener(inboxListener);
      client.getCluster().removeMembershipListener(membershipListener);
      for (RemoteWorkerProcess process : new ArrayList<>(workers.values())) {
        process.kill();
      }
    } catch (RuntimeException e) { // the JVM is exiting, and its ExitWatch shut the client down already
      LOG.log(System.Logger.Level.DEBUG, "the cluster's client was gone before the pool closed: {0}", e.toString());
    } finally {
      shared.release();
    }
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
