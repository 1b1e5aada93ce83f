package io.procpool.core.internal.worker;

/** How a worker ends: a process halts at once; a thread worker only unwinds, as the JVM is the pool's. */
interface WorkerExit {
  /** A process worker: halts with the status, skipping shutdown hooks that user code may have added. */
  WorkerExit HALT = status -> Runtime.getRuntime().halt(status);

  /** A thread worker: nothing to do here; the runner's loop returns the status instead. */
  WorkerExit RETURN = status -> { };

  void exit(int status);
}
