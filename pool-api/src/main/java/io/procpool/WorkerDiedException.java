package io.procpool;

/**
 * The worker running a task exited before the task completed (it crashed, ran out of memory, or
 * was killed). The pool replaces the worker and goes on with other tasks.
 */
public final class WorkerDiedException extends RuntimeException {
  private final String workerName;
  private final Integer exitCode;

  public WorkerDiedException(String workerName, long pid, Integer exitCode, String detail) {
    super(workerName + " (pid " + pid + ") died while running this task"
        + (exitCode == null ? "" : ", exit code " + exitCode + describe(exitCode))
        + (detail == null ? "" : ": " + detail));
    this.workerName = workerName;
    this.exitCode = exitCode;
  }

  /** The name of the worker that died, such as {@code PoolWorker-2}. */
  public String workerName() {
    return workerName;
  }

  /** Its exit code, or {@code null} if it could not be learnt. */
  public Integer exitCode() {
    return exitCode;
  }

  private static String describe(int exitCode) {
    return exitCode > 128 && exitCode < 160 ? " (killed by signal " + (exitCode - 128) + ")" : "";
  }
}
