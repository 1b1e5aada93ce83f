package io.procpool.spi;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** A started worker, as its launcher sees it. */
public interface WorkerProcess {

  /** The worker's name, as in {@link WorkerLaunchSpec#workerName()}. */
  String name();

  /** The operating system's process id, or -1 if unknown. */
  long pid();

  /**
   * The process's standard input, written by the transport. It is the one private way to tell a
   * worker something at launch: command lines, and on some systems environments, can be read by
   * other users; so a transport that hands its workers a secret writes it here (and may then
   * close the stream). The worker side reads it in {@link WorkerEndpoint#open}.
   */
  OutputStream stdin();

  /**
   * The process's standard output if it was asked for as a pipe
   * ({@link WorkerLaunchSpec.Stdout#PIPE}), else {@code null}.
   */
  InputStream stdout();

  /** Completes with the exit code once the process has ended. */
  CompletableFuture<Integer> exitCode();

  /** Ends the process at once (SIGKILL where there is one). Idempotent. */
  void kill();
}
