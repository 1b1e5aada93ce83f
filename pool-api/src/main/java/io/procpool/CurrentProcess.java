package io.procpool;

/**
 * Who is running this code, as Python's {@code multiprocessing.current_process()}: in a pool's
 * worker its name is {@code PoolWorker-N}; elsewhere it is {@code MainProcess}.
 */
public final class CurrentProcess {

  /** The system property through which a worker is told its name. */
  public static final String NAME_PROPERTY = "procpool.worker.name";

  /** The name of the process that is not a pool worker. */
  public static final String MAIN_PROCESS = "MainProcess";

  private CurrentProcess() {}

  /** {@code PoolWorker-N} in a worker, {@code MainProcess} elsewhere. */
  public static String name() {
    return System.getProperty(NAME_PROPERTY, MAIN_PROCESS);
  }

  /** The operating system's id of this process. */
  public static long pid() {
    return ProcessHandle.current().pid();
  }

  /** Whether this code runs in a pool worker. */
  public static boolean isWorker() {
    return System.getProperty(NAME_PROPERTY) != null;
  }
}
