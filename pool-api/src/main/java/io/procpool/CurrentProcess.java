package io.procpool;

import io.procpool.spi.WorkerThreads;

/**
 * Who is running this code, as Python's {@code multiprocessing.current_process()}: in a pool's
 * worker its name is {@code PoolWorker-N}; elsewhere it is {@code MainProcess}. On a pool whose
 * workers are threads (the in-process transport) the same holds on the threads that run a
 * worker's tasks, and {@link #pid()} is the pool's own.
 */
public final class CurrentProcess {

  /** The system property through which a worker is told its name. */
  public static final String NAME_PROPERTY = "procpool.worker.name";

  /** The name of the process that is not a pool worker. */
  public static final String MAIN_PROCESS = "MainProcess";

  private CurrentProcess() {}

  /** {@return {@code PoolWorker-N} in a worker, {@code MainProcess} elsewhere} */
  public static String name() {
    String thread = WorkerThreads.current();
    return thread != null ? thread : System.getProperty(NAME_PROPERTY, MAIN_PROCESS);
  }

  /** {@return the operating system's id of this process} On a thread worker, the pool's own. */
  public static long pid() {
    return ProcessHandle.current().pid();
  }

  /** {@return whether this code runs in a pool worker, be it a process or a thread} */
  public static boolean isWorker() {
    return WorkerThreads.current() != null || System.getProperty(NAME_PROPERTY) != null;
  }
}
