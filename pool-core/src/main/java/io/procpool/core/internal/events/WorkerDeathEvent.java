package io.procpool.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A worker ended other than by the pool letting it go: it died, or the pool killed it. */
@Name("procpool.WorkerDeath")
@Label("Worker Death")
@Category("procpool")
@Description("A worker died (crashed, was killed, exited before it was ready), or the pool stopped it"
    + " because of its running task (a timeout, cancel(true))")
@StackTrace(false)
final class WorkerDeathEvent extends jdk.jfr.Event {
  @Label("Worker")
  String worker;

  @Label("Process Id")
  long pid;

  @Label("Exit Code")
  @Description("-1 if it could not be learnt")
  int exitCode;

  @Label("Signal")
  @Description("The signal that ended it, if the exit code says one did")
  String signal;

  @Label("Running Task")
  @Description("The id of the task it was running, 0 if none")
  long runningTask;

  @Label("Stopped By Pool")
  @Description("Whether the pool killed it because of its running task")
  boolean stoppedByPool;

  @Label("Reason")
  String reason;

  @Label("Standard Error")
  @Description("The last lines of its standard error")
  String stderr;
}
