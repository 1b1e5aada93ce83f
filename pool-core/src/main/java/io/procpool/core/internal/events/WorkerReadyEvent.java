package io.procpool.core.internal.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A worker became ready for tasks; the event lasts from its launch until then. */
@Name("procpool.WorkerReady")
@Label("Worker Ready")
@Category("procpool")
@Description("A worker said hello and is connected: the event spans its start-up, from launch to ready")
@StackTrace(false)
final class WorkerReadyEvent extends jdk.jfr.Event {
  @Label("Worker")
  String worker;

  @Label("Process Id")
  long pid;
}
