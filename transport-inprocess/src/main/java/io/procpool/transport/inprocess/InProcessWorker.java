package io.procpool.transport.inprocess;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.InProcessWorkerRuntime;
import io.procpool.spi.WorkerEndpoint;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A worker that is a thread of this JVM: the core's worker runtime runs on a thread of its own,
 * and talks to the pool through two {@link FrameRelay}s. Three threads in all, each named after
 * the worker: the runtime's, and one for each direction of frames.
 *
 * <p>{@link #kill()} cannot stop a task that is running: Java has no safe way to stop a thread.
 * It interrupts the worker's threads, ends its connection and reports the worker gone at once;
 * the pool fails the task and starts a replacement, and the abandoned thread ends when the task
 * returns, its answer going nowhere.
 */
final class InProcessWorker implements WorkerProcess {
  /** The exit status reported for a killed worker, as a shell reports a process ended by SIGKILL. */
  static final int KILLED = 128 + 9;
  /** The status when the runtime failed to start (the same as a worker process's). */
  private static final int CANNOT_START = 3;

  private final String name;
  private final FrameRelay toWorker;
  private final FrameRelay toPool;
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private final Thread main;

  private InProcessWorker(String name, InProcessWorkerRuntime runtime, WorkerLaunchSpec spec) {
    this.name = name;
    this.toWorker = new FrameRelay("procpool-inprocess-" + name + "-in", name);
    this.toPool = new FrameRelay("procpool-inprocess-" + name + "-out", null);
    this.main = new Thread(() -> runWorker(runtime, spec), "procpool-inprocess-" + name);
    main.setDaemon(true); // a pool never closed must not keep the JVM alive through its workers
  }

  /** Starts a worker on a thread of its own. */
  static InProcessWorker start(InProcessWorkerRuntime runtime, WorkerLaunchSpec spec) {
    InProcessWorker worker = new InProcessWorker(spec.workerName(), runtime, spec);
    worker.main.start();
    return worker;
  }

  private void runWorker(InProcessWorkerRuntime runtime, WorkerLaunchSpec spec) {
    int status;
    try {
      status = runtime.run(spec, new Endpoint());
    } catch (Exception | Error e) {
      status = exitCode.isDone() ? KILLED : CANNOT_START; // an interrupt after kill() lands here
    }
    exited(status);
  }

  private void exited(int status) {
    endConnection(); // a process's exit closes its pipes
    exitCode.complete(status);
  }

  /** Ends both directions after what is queued; each side then hears its one onClosed. */
  void endConnection() {
    toPool.end(null);
    toWorker.end(null);
  }

  /** The pool's side of the connection; frames the worker sent meanwhile wait for it. */
  Connection connect(ConnectionListener listener) {
    toPool.start(listener);
    return new InProcessConnection(toWorker, toPool);
  }

  @Override
  public String name() {
    return name;
  }

  /** -1: a thread has no process of its own (and nothing may kill this JVM by a worker's pid). */
  @Override
  public long pid() {
    return -1;
  }

  /** A thread worker has no standard streams of its own: this one discards what is written. */
  @Override
  public OutputStream stdin() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public InputStream stdout() {
    return null;
  }

  @Override
  public CompletableFuture<Integer> exitCode() {
    return exitCode;
  }

  @Override
  public void kill() {
    if (exitCode.isDone()) {
      return;
    }
    exitCode.complete(KILLED);
    endConnection();
    main.interrupt();
    toWorker.interrupt();
  }

  @Override
  public String toString() {
    return "in-process worker " + name;
  }

  /** The worker's side, handed to the runtime on the worker's thread. */
  private final class Endpoint implements WorkerEndpoint {
    @Override
    public Connection open(InputStream stdin, OutputStream stdout, ConnectionListener listener) {
      toWorker.start(listener);
      return new InProcessConnection(toPool, toWorker);
    }

    @Override
    public boolean usesStandardOutput() {
      return false;
    }

    /** Frames reach the worker on a relay thread that nothing else waits for. */
    @Override
    public boolean onFrameMayRunTasks() {
      return true;
    }
  }
}
