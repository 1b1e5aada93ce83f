package io.procpool.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A started worker, as its launcher sees it. */
public interface WorkerProcess {

  /**
   * {@return the worker's name} It is exactly {@link WorkerLaunchSpec#workerName()} of the spec it was
   * launched from.
   */
  String name();

  /**
   * {@return the operating system's process id, or -1 if unknown or if the worker is not a
   * process of its own}
   */
  long pid();

  /**
   * The process's standard input, written by the transport. It is the one private way to tell a
   * worker something at launch: command lines, and on some systems environments, can be read by
   * other users; so a transport that hands its workers a secret writes it here (and may then
   * close the stream). The worker side reads it in {@link WorkerEndpoint#open}.
   *
   * @return the stream to the worker's standard input
   */
  OutputStream stdin();

  /**
   * The process's standard output if it was asked for as a pipe
   * ({@link WorkerLaunchSpec.Stdout#PIPE}), else {@code null}.
   *
   * @return the stream from the worker's standard output, or {@code null}
   */
  InputStream stdout();

  /**
   * Completes with the exit code once the process has ended, never before; with {@code null}
   * when it is known to be gone but its code is not (a remote worker whose machine left the
   * cluster), {@link #lastStderrLines()} then saying why. On whichever thread
   * the launcher chooses: the core's local launcher completes it on a JDK thread that watches
   * processes (the common fork-join pool, or a thread per process on machines with one or two
   * CPUs); the in-process transport on the worker's own thread, or on the one that called
   * {@link #kill()}. Stages chained to it after it completed run at once on the thread that
   * chains them. Either way they must not block.
   *
   * @return a future of the exit code
   */
  CompletableFuture<Integer> exitCode();

  /**
   * The last lines the process wrote to its standard error, oldest first, if the launcher keeps
   * them: the core quotes them when a worker cannot start or dies, so the user reads what the JVM
   * said (an unrecognized option, say). Called once the process has exited or its connection
   * closed, off the pool's lock; may wait briefly for the last bytes. Default: none kept.
   *
   * @return the last lines of standard error, oldest first; empty if none were kept
   */
  default List<String> lastStderrLines() {
    return List.of();
  }

  /**
   * The same lines as {@link #lastStderrLines()}, as far as they have arrived, without waiting:
   * what {@code Pool.stats()} shows of a worker that runs. Called from any thread, while the
   * process lives; must return at once. A launcher that keeps the lines overrides both methods.
   * Default: none kept.
   *
   * @return the lines so far, oldest first; empty if none are kept
   */
  default List<String> stderrLinesSoFar() {
    return List.of();
  }

  /** Ends the process at once (SIGKILL where there is one). Idempotent. */
  void kill();
}
