package io.procpool.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A worker was launched; the event lasts as long as its launcher took to start the process. */
@Name("procpool.WorkerStart")
@Label("Worker Start")
@Category("procpool")
@Description("A pool launched a worker: the time the launcher took to start its JVM (or thread)")
@StackTrace(false)
final class WorkerStartEvent extends jdk.jfr.Event {
  @Label("Worker")
  String worker;

  @Label("Process Id")
  long pid;

  @Label("In Place Of")
  @Description("The worker it replaces, if it is a replacement")
  String replacing;
}
