package io.procpool.cluster;

import io.procpool.cluster.internal.ClusterKey;
import io.procpool.cluster.internal.SharedClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Agents on this machine, for tests and trying cluster mode out: each a {@link ClusterAgent} JVM,
 * a Hazelcast member on 127.0.0.1 joined over TCP-IP, under a cluster name and a key of their own.
 * While it runs it holds a connection to its agents (a Hazelcast client), which the pools pointed at
 * it share instead of each starting one of their own. Closing it lets that go, kills the agents
 * and their workers and deletes the key.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(3);
 *      Pool pool = ProcessPool.builder().transport(cluster.module()).workers(6).build()) {
 *   ...
 * }
 * }</pre>
 */
public final class LocalCluster implements AutoCloseable {
  /** How long the agents may take to join. */
  public static final Duration READY_WITHIN = Duration.ofSeconds(60);

  private final Path directory;
  private final Path keyFile;
  private final String clusterName = "procpool-local-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private final int basePort = 20000 + ThreadLocalRandom.current().nextInt(20000);
  private final List<Process> agents = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  /** The client the pools pointed at these agents share, held from the agents' start to {@link #close()}. */
  private SharedClient client;

  private LocalCluster(Path directory) throws IOException {
    this.directory = directory;
    this.keyFile = directory.resolve("cluster.key");
    ClusterKey.generate(keyFile);
  }

  /**
   * Starts {@code agents} agents, side by side, and waits until each has joined.
   *
   * @param agents how many, at least 1; they are named {@code agent-1}, {@code agent-2}, ...
   * @return the running cluster
   * @throws IOException if an agent cannot be started or does not join within {@link #READY_WITHIN}
   */
  public static LocalCluster start(int agents) throws IOException {
    if (agents < 1) {
      throw new IllegalArgumentException("agents must be at least 1, not " + agents);
    }
    LocalCluster cluster = new LocalCluster(Files.createTempDirectory("procpool-cluster"));
    try {
      cluster.addAgents(agents);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * Starts more agents, which join the running ones.
   *
   * @param count how many
   * @throws IOException if one cannot be started or does not join in time
   */
  public void addAgents(int count) throws IOException {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    int size = names.size() + count;
    for (int i = 0; i < count; i++) {
      ready.add(startAgent("agent-" + (names.size() + 1), basePort + names.size(), size));
    }
    try {
      CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
      holdClient();
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the agents did not all join within " + READY_WITHIN.toSeconds() + " s; their logs: "
          + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the agents joined", e);
    }
  }

  /** Holds the client of the members as {@link #pointedAt()} now names them, and lets go of the one before. */
  private void holdClient() {
    SharedClient previous = client;
    client = SharedClient.acquire(pointedAt().settings());
    if (previous != null) {
      previous.release();
    }
  }

  /**
   * Lets go of the shared client now, so that each pool pointed at these agents connects on its
   * own, as before pools shared one: for the kit's before/after measurement only.
   */
  void letGoOfSharedClient() {
    if (client != null) {
      client.release();
      client = null;
    }
  }

  /**
   * The pool's side, pointed at these agents.
   *
   * @return a builder, to which {@code workersPerMember} may still be added
   */
  public HazelcastCluster.Builder pointedAt() {
    return HazelcastCluster.at(members(names.size())).clusterName(clusterName).keyFile(keyFile);
  }

  /** {@return the pool's module, as {@link #pointedAt()} builds it} */
  public HazelcastCluster module() {
    return pointedAt().build();
  }

  /** {@return the cluster's name} */
  public String clusterName() {
    return clusterName;
  }

  /** {@return the key file, readable by its owner only} */
  public Path keyFile() {
    return keyFile;
  }

  /**
   * The members' addresses.
   *
   * @param count how many, from the first
   * @return {@code 127.0.0.1:port} of each
   */
  public String[] members(int count) {
    String[] members = new String[count];
    for (int i = 0; i < count; i++) {
      members[i] = "127.0.0.1:" + (basePort + i);
    }
    return members;
  }

  /**
   * An agent's process, to stop or kill it.
   *
   * @param index from 0, in the order they were started
   * @return its process
   */
  public Process agent(int index) {
    return agents.get(index);
  }

  /**
   * What an agent has logged so far (its standard error).
   *
   * @param name such as {@code agent-1}
   * @return its log
   * @throws IOException if it cannot be read
   */
  public String logOf(String name) throws IOException {
    return Files.readString(log(name));
  }

  /** {@return the processes the agents started (their workers), alive or not yet reaped} */
  public List<ProcessHandle> workers() {
    return agents.stream().flatMap(a -> a.toHandle().descendants()).collect(Collectors.toList());
  }

  /**
   * An address of this machine's that other machines could reach it at (IPv4, of an interface
   * that is up, not loopback nor link-local): to try a pool on it with {@code poolAddress}, as
   * it would listen for agents elsewhere, with TLS.
   *
   * @return the first such address, or empty if this machine has none
   */
  public static Optional<InetAddress> networkAddress() {
    try {
      for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (face.isUp() && !face.isLoopback()) {
          for (InetAddress address : Collections.list(face.getInetAddresses())) {
            if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
              return Optional.of(address);
            }
          }
        }
      }
    } catch (SocketException e) {
      // none, then
    }
    return Optional.empty();
  }

  /**
   * Where an agent keeps the jars pools shipped it.
   *
   * @param name such as {@code agent-1}
   * @return its own directory, under this cluster's
   */
  public Path jarCache(String name) {
    return directory.resolve(name + "-jars");
  }

  private Path log(String name) {
    return directory.resolve(name + ".log");
  }

  private CompletableFuture<Void> startAgent(String name, int port, int clusterSize) throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // an agent only relays requests: the smallest JVM that starts fast will do
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m",
        "-cp", agentClassPath(), ClusterAgent.class.getName(), "--key-file", keyFile.toString(),
        "--cluster", clusterName, "--host", "127.0.0.1", "--port", Integer.toString(port), "--name", name,
        "--members", String.join(",", members(clusterSize)), "--jar-cache", jarCache(name).toString());
    Process agent = new ProcessBuilder(command).redirectError(log(name).toFile()).start();
    agents.add(agent);
    names.add(name);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> awaitReadyLine(agent, name, ready), "local-cluster-stdout-" + name);
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  private static void awaitReadyLine(Process agent, String name, CompletableFuture<Void> ready) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith("procpool agent " + name + " ready")) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      // it is gone
    }
    ready.completeExceptionally(new IOException(name + " exited before it was ready"));
  }

  /**
   * What an agent needs: this module, Hazelcast, pool-api and transport-netty (for its TLS), wherever they were loaded from (a
   * jar, a build's classes directory, a shaded jar), rather than {@code java.class.path}, which
   * under {@code mvn exec:java} is Maven's own.
   */
  private static String agentClassPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type : List.of(ClusterAgent.class, com.hazelcast.core.HazelcastInstance.class,
        io.procpool.spi.WorkerLauncher.class, io.procpool.transport.netty.internal.PinnedCertificate.class)) {
      try {
        entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException | RuntimeException e) {
        throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Kills the agents and their workers, waits until they are gone, and deletes the key and logs. */
  @Override
  public void close() {
    if (client != null) {
      client.release();
      client = null;
    }
    List<ProcessHandle> everything = new ArrayList<>();
    for (Process agent : agents) {
      agent.toHandle().descendants().forEach(everything::add);
      everything.add(agent.toHandle());
    }
    everything.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : everything) {
      process.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
    }
    try (var files = Files.walk(directory)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + directory, e);
    }
  }
}
