package io.procpool.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * A task that ran long: the event spans its run as the pool saw it, from the moment it became its
 * worker's running task until its answer arrived; {@link #runTime} is what the worker measured.
 * Only runs over the threshold are recorded (20 ms unless a recording's settings say otherwise).
 * The pool begins one per task only while a recording wants them ({@link TaskRuns#begin}).
 */
@Name("procpool.TaskRun")
@Label("Task Run")
@Category("procpool")
@Description("A task (or map chunk) that ran longer than the threshold, from the moment it became its"
    + " worker's running task until its answer arrived")
@Threshold("20 ms")
@StackTrace(false)
public final class TaskRunEvent extends jdk.jfr.Event {
  @Label("Worker")
  String worker;

  @Label("Task Id")
  long taskId;

  @Label("Items")
  @Description("How many items it covers: a map chunk's size, else 1")
  int items;

  @Label("Run Time")
  @Description("How long it ran, as its worker measured")
  @Timespan(Timespan.NANOSECONDS)
  long runTime;

  @Label("Succeeded")
  boolean succeeded;

  TaskRunEvent() {}

  /** The task's answer arrived: committed if it ran over the threshold. */
  public void answered(String worker, long taskId, int items, long runNanos, boolean succeeded) {
    end();
    if (shouldCommit()) {
      this.worker = worker;
      this.taskId = taskId;
      this.items = items;
      this.runTime = runNanos;
      this.succeeded = succeeded;
      commit();
    }
  }
}
