package io.procpool;

import java.util.Map;

/**
 * The worker running a task exited before the task completed (it crashed, ran out of memory, or
 * was killed). The pool replaces the worker and goes on with other tasks.
 */
public final class WorkerDiedException extends RuntimeException {
  /** The dead worker's name. */
  private final String workerName;
  /** The dead worker's exit code, or {@code null} if it could not be learnt. */
  private final Integer exitCode;

  /**
   * Creates the failure of a task whose worker exited under it.
   *
   * @param workerName the worker's name, such as {@code PoolWorker-2}
   * @param pid the worker's process id
   * @param exitCode its exit code, or {@code null} if it could not be learnt
   * @param detail what else is known of its end, or {@code null}
   */
  public WorkerDiedException(String workerName, long pid, Integer exitCode, String detail) {
    super(workerName + " (pid " + pid + ") died while running this task"
        + (exitCode == null ? "" : ", exit code " + exitCode + describe(exitCode))
        + (detail == null ? "" : ": " + detail));
    this.workerName = workerName;
    this.exitCode = exitCode;
  }

  /**
   * The name of the worker that died.
   *
   * @return the name, such as {@code PoolWorker-2}
   */
  public String workerName() {
    return workerName;
  }

  /**
   * The dead worker's exit code.
   *
   * @return the exit code, or {@code null} if it could not be learnt
   */
  public Integer exitCode() {
    return exitCode;
  }

  /** The signals a worker is usually ended by, by number (as on Linux and macOS, where they agree). */
  private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT",
      4, "SIGILL", 6, "SIGABRT", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM");

  /** A shell's exit code 128 + n means signal n; Java's Process reports a signalled child so too. */
  private static String describe(int exitCode) {
    if (exitCode <= 128 || exitCode >= 160) {
      return "";
    }
    int signal = exitCode - 128;
    String name = SIGNALS.get(signal);
    return " (killed by signal " + signal + (name == null ? "" : ", " + name) + ")";
  }
}
