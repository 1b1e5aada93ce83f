package io.procpool.cluster.internal.agent;

import io.procpool.cluster.internal.Messages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One worker JVM an agent started for a pool: its process, the last lines of its standard error
 * (for the pool's {@code WorkerDiedException}), and the report of its exit.
 */
final class AgentWorker {
  static final int STDERR_LINES = 20;
  /** The system property that tells a worker (and its tasks) which agent started it. */
  static final String AGENT_PROPERTY = "procpool.cluster.agent";
  private static final System.Logger LOG = System.getLogger("io.procpool.cluster.agent");

  final UUID pool;
  final String name;
  private final Process process;
  private final ArrayDeque<String> lastLines = new ArrayDeque<>();

  private AgentWorker(UUID pool, String name, Process process) {
    this.pool = pool;
    this.name = name;
    this.process = process;
  }

  /**
   * Starts the worker the request describes, with the {@code java} and in the directory the pool's
   * user chose, or this agent's own where the request names none, watched by this agent (its parent-death watchdog names the agent's pid, not the pool's,
   * which is elsewhere). Naming the program to run gives the sender nothing it lacked: a request
   * sealed with the cluster key already runs the sender's jars, with its JVM options.
   */
  static AgentWorker start(UUID pool, Messages.Launch request, List<String> classPath, String agentName,
      Consumer<Messages.Exited> onExit) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(request.javaExecutable().isEmpty()
        ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : request.javaExecutable());
    command.addAll(request.jvmOptions());
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classPath));
    for (Map.Entry<String, String> property : request.systemProperties().entrySet()) {
      String value = property.getKey().equals(PARENT_PID) ? Long.toString(ProcessHandle.current().pid()) : property.getValue();
      command.add("-D" + property.getKey() + "=" + value);
    }
    command.add("-D" + AGENT_PROPERTY + "=" + agentName);
    command.add(request.mainClass());
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(request.environment());
    if (!request.workingDirectory().isEmpty()) {
      builder.directory(new java.io.File(request.workingDirectory()));
    }
    Process process = builder.start();
    AgentWorker worker = new AgentWorker(pool, request.workerName(), process);
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(request.stdin());
    } catch (IOException e) {
      // it died at once: its exit is reported like any other
    }
    Thread copier = worker.copyStderr();
    process.onExit().thenRun(() -> {
      joinQuietly(copier); // its last lines, which say why it died, come with its exit
      onExit.accept(new Messages.Exited(worker.name, process.exitValue(), worker.lastLines()));
    });
    return worker;
  }

  /**
   * pool-core's {@code WorkerMain.PARENT_PID_PROPERTY}, named again because an agent runs without
   * pool-core on its class path (the workers get the pool's jars, the agent only its own).
   */
  static final String PARENT_PID = "procpool.parent.pid";

  long pid() {
    return process.pid();
  }

  void kill() {
    process.destroyForcibly();
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Thread copyStderr() {
    Thread copier = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          remember(line);
          LOG.log(System.Logger.Level.INFO, "{0}: {1}", name, line);
        }
      } catch (IOException e) {
        // the process is gone
      }
    }, "procpool-agent-stderr-" + name);
    copier.setDaemon(true);
    copier.start();
    return copier;
  }

  private synchronized void remember(String line) {
    if (lastLines.size() == STDERR_LINES) {
      lastLines.removeFirst();
    }
    lastLines.addLast(line);
  }

  private synchronized List<String> lastLines() {
    return List.copyOf(lastLines);
  }
}
