package io.procpool.spi;

import java.util.ServiceLoader;

/**
 * The core's worker runtime, for a transport whose workers are threads of the pool's own JVM
 * rather than processes (as {@code transport-inprocess}'s are). Such a transport's
 * {@link WorkerLauncher} starts a thread and calls {@link #run} on it, with the endpoint it made
 * for that worker, instead of starting the {@code java} command the spec describes.
 *
 * <p>The core provides the one implementation, through {@link ServiceLoader}; a transport finds
 * it with {@link #load()}.
 */
public interface InProcessWorkerRuntime {

  /**
   * Runs one worker on the calling thread until its connection closes, and returns the status a
   * worker process would have exited with (0 when the pool closed it). Opens the endpoint with
   * empty standard streams, and binds the calling thread to the worker's name (see
   * {@link WorkerThreads}). Uses {@link WorkerLaunchSpec#workerName()} only: JVM options, system
   * properties, environment and main class describe a process, and a thread has none of its own.
   *
   * @param spec the worker's launch specification, as the core passed it to the launcher
   * @param endpoint the worker side of the transport, not yet opened
   * @return the worker's exit status: 0 after an orderly close, non-zero after a failure
   * @throws IllegalArgumentException if {@code endpoint.usesStandardOutput()}: the standard
   *     streams belong to the pool's JVM
   * @throws Exception whatever {@link WorkerEndpoint#open} threw
   */
  int run(WorkerLaunchSpec spec, WorkerEndpoint endpoint) throws Exception;

  /**
   * The main class of the worker processes this runtime stands in for, as the core puts it in
   * {@link WorkerLaunchSpec#mainClass()}. A launcher refuses a spec with another main class: that
   * is some other program, which a thread cannot run in its place.
   *
   * @return the fully qualified name of the worker's main class
   */
  String mainClass();

  /**
   * Finds the core's runtime.
   *
   * @return the runtime that {@code pool-core} registers as a service
   * @throws IllegalStateException if {@code pool-core} is not on the class path
   */
  static InProcessWorkerRuntime load() {
    return ServiceLoader.load(InProcessWorkerRuntime.class, InProcessWorkerRuntime.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + InProcessWorkerRuntime.class.getName()
            + " found: add io.procpool:pool-core to the class path"));
  }
}
