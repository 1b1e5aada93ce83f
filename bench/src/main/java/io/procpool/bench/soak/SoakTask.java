package io.procpool.bench.soak;

/**
 * One unit of the soak's work, as it travels to a worker: an id unique in the run, what to do,
 * and for how long. {@link #run} is the function every call of the soak applies, in the worker.
 *
 * @param id unique in the run, from the {@link Ledger}
 * @param kind what the task does after recording that it started
 * @param millis how long a {@link Kind#SLEEP} or {@link Kind#OVERRUN} task sleeps
 */
public record SoakTask(long id, Kind kind, int millis) {

  /** What a task does once it has recorded its start. */
  public enum Kind {
    /** Returns its value at once. */
    QUICK,
    /** Sleeps a few milliseconds, so that a kill can find it running. */
    SLEEP,
    /** Throws a {@link SoakTaskFailure}: the task's own exception. */
    THROW,
    /** Sleeps far past its call's timeout (only sent through a {@code withTaskTimeout} view). */
    OVERRUN
  }

  /**
   * Runs in the worker: records the start first (so a task that ran leaves a trace even if its
   * worker is killed a moment later), then does what its kind says.
   */
  public static SoakValue run(SoakTask task) throws Exception {
    StartLog.record(task.id);
    switch (task.kind) {
      case QUICK -> { }
      case SLEEP, OVERRUN -> Thread.sleep(task.millis);
      case THROW -> throw new SoakTaskFailure(task.id);
    }
    return new SoakValue(task.id, SoakValue.expectedCheck(task.id));
  }
}
