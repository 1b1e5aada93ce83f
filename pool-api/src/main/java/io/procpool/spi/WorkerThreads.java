package io.procpool.spi;

/**
 * Which worker a thread of the pool's JVM works for, for transports whose workers are threads.
 * {@link io.procpool.CurrentProcess#name()} answers with it on a bound thread, so a task asking
 * for its worker's name gets {@code PoolWorker-N} there as it would in a worker process. Bind
 * every thread that runs a worker's tasks: the runtime binds the thread it runs on
 * ({@link InProcessWorkerRuntime#run}), and a transport binds the threads on which it delivers
 * frames to a worker, since a task may run there ({@link WorkerEndpoint#onFrameMayRunTasks()}).
 * Threads that a task starts are not bound.
 */
public final class WorkerThreads {
  private static final ThreadLocal<String> WORKER = new ThreadLocal<>();

  private WorkerThreads() {}

  /**
   * Binds the calling thread to the worker of this name until {@link #unbind()}.
   *
   * @param workerName the worker's name, such as {@code PoolWorker-1}
   * @throws IllegalArgumentException if {@code workerName} is null or empty
   */
  public static void bind(String workerName) {
    if (workerName == null || workerName.isEmpty()) {
      throw new IllegalArgumentException("workerName must be a worker's name, was " + workerName);
    }
    WORKER.set(workerName);
  }

  /** Ends the calling thread's binding, if it had one. */
  public static void unbind() {
    WORKER.remove();
  }

  /** {@return the name of the worker the calling thread is bound to, or {@code null}} */
  public static String current() {
    return WORKER.get();
  }
}
