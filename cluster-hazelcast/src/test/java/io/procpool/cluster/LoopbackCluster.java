package io.procpool.cluster;

import io.procpool.cluster.internal.ClusterKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Agents as separate JVMs on 127.0.0.1, members of one Hazelcast cluster joined over TCP-IP, as
 * {@code ClusterAgent}'s command line starts them; closing it kills them and their workers.
 */
final class LoopbackCluster implements AutoCloseable {
  static final Duration READY_WITHIN = Duration.ofSeconds(60);

  final Path keyFile;
  private final Path directory;
  final String clusterName = "procpool-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
  private final int basePort = 20000 + ThreadLocalRandom.current().nextInt(20000);
  private final List<Process> agents = new ArrayList<>();
  private final List<String> names = new ArrayList<>();

  LoopbackCluster(Path directory) throws IOException {
    this.directory = directory;
    keyFile = directory.resolve("cluster.key");
    ClusterKey.generate(keyFile);
  }

  /** The addresses agents are started on, and a pool is pointed at. */
  String[] members(int count) {
    String[] members = new String[count];
    for (int i = 0; i < count; i++) {
      members[i] = "127.0.0.1:" + (basePort + i);
    }
    return members;
  }

  /** Starts {@code count} agents in parallel and waits until each has joined. */
  void start(int count) throws Exception {
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ready.add(startAgent("agent-" + (names.size() + 1), basePort + names.size(), count));
    }
    CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
  }

  private CompletableFuture<Void> startAgent(String name, int port, int clusterSize) throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        ClusterAgent.class.getName(), "--key-file", keyFile.toString(), "--cluster", clusterName,
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--name", name,
        "--members", String.join(",", members(Math.max(clusterSize, names.size() + 1))));
    Process agent = new ProcessBuilder(command).redirectError(log(name).toFile()).start();
    agents.add(agent);
    names.add(name);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.startsWith("procpool agent " + name + " ready")) {
            ready.complete(null);
          }
        }
      } catch (IOException e) {
        // it is gone
      }
      ready.completeExceptionally(new IllegalStateException(name + " exited before it was ready"));
    }, "agent-stdout-" + name);
    reader.setDaemon(true);
    reader.start();
    return ready;
  }

  /** Where the agent's standard error (its log) goes. */
  Path log(String name) {
    return directory.resolve(name + ".log");
  }

  /** What the agent has logged so far. */
  String logOf(String name) throws IOException {
    return Files.readString(log(name));
  }

  /** The agent's process, to kill it. */
  Process agent(int index) {
    return agents.get(index);
  }

  /** The pids of every process below the agents (their workers). */
  List<Long> workerPids() {
    return agents.stream().flatMap(a -> a.toHandle().descendants()).map(ProcessHandle::pid).collect(Collectors.toList());
  }

  @Override
  public void close() throws Exception {
    List<ProcessHandle> everything = new ArrayList<>();
    for (Process agent : agents) {
      agent.toHandle().descendants().forEach(everything::add);
      everything.add(agent.toHandle());
    }
    everything.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : everything) {
      process.onExit().get(30, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(keyFile);
  }
}
