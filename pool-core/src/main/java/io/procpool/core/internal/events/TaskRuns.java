package io.procpool.core.internal.events;

/**
 * Where the pool times task runs for JFR ({@link TaskRunEvent}). Kept apart from the event class
 * so that a runtime without {@code jdk.jfr} never loads it.
 */
public final class TaskRuns {
  private TaskRuns() {}

  /** An event begun now, as a task becomes its worker's running one; null when no recording wants it. */
  public static TaskRunEvent begin() {
    if (!Jfr.started()) {
      return null;
    }
    TaskRunEvent event = new TaskRunEvent();
    if (!event.isEnabled()) {
      return null;
    }
    event.begin();
    return event;
  }
}
