package io.procpool.cluster.internal;

import io.procpool.spi.WorkerProcess;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A worker on an agent's machine, as the pool sees it. What the transport writes to its standard
 * input (the netty transport's launch ticket) is collected, and the launch request goes out, with
 * it, sealed, when the transport closes that stream: so the ticket's secret crosses the cluster
 * only inside a sealed request. Its pid and exit come back from the agent; if the agent's member
 * leaves the cluster, the worker counts as dead with an unknown exit code, and its last lines say
 * which member left.
 */
final class RemoteWorkerProcess implements WorkerProcess {
  private final String name;
  final AgentRef agent;
  private final Consumer<RemoteWorkerProcess> sendLaunch;
  private final Consumer<RemoteWorkerProcess> sendKill;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile long pid = -1;
  private volatile List<String> lastLines = List.of();
  private volatile byte[] stdinBytes;
  private volatile boolean launched;

  RemoteWorkerProcess(String name, AgentRef agent, Consumer<RemoteWorkerProcess> sendLaunch,
      Consumer<RemoteWorkerProcess> sendKill) {
    this.name = name;
    this.agent = agent;
    this.sendLaunch = sendLaunch;
    this.sendKill = sendKill;
  }

  @Override
  public String name() {
    return name;
  }

  /** The worker's pid on its agent's machine, once the agent said; -1 before. */
  @Override
  public long pid() {
    return pid;
  }

  @Override
  public OutputStream stdin() {
    return new ByteArrayOutputStream() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          stdinBytes = toByteArray();
          launched = true;
          sendLaunch.accept(RemoteWorkerProcess.this);
        }
      }
    };
  }

  byte[] stdinBytes() {
    return stdinBytes;
  }

  /** Nothing: a cluster worker's standard output stays on its machine (the netty transport inherits it). */
  @Override
  public InputStream stdout() {
    return InputStream.nullInputStream();
  }

  @Override
  public CompletableFuture<Integer> exitCode() {
    return exit;
  }

  @Override
  public List<String> lastStderrLines() {
    return lastLines;
  }

  @Override
  public List<String> stderrLinesSoFar() {
    return lastLines;
  }

  @Override
  public void kill() {
    if (exit.isDone()) {
      return;
    }
    if (!launched) {
      gone(List.of("never launched: killed before its transport handed it over"));
      return;
    }
    sendKill.accept(this);
  }

  void started(long pid, String failure) {
    if (failure != null) {
      gone(List.of(agent + " could not start it: " + failure));
    } else {
      this.pid = pid;
    }
  }

  void exited(int code, List<String> lines) {
    this.lastLines = List.copyOf(lines);
    exit.complete(code);
  }

  /** Dead without an exit code: its agent left, or could not be told anything. */
  void gone(List<String> why) {
    this.lastLines = List.copyOf(why);
    exit.complete(null);
  }

  @Override
  public String toString() {
    return name + " on " + agent;
  }
}
