package io.procpool;

/**
 * Told of each task as it is submitted, started, finished or failed: enough for a progress bar or
 * metrics. The pool calls it on its own callback thread, one event at a time and, for one task,
 * in order; a slow listener delays only other callbacks, and one that throws is logged, as a
 * result callback is (see {@link AsyncResult#onSuccess}). Events wait in an unbounded queue: a
 * listener slower than the tasks (a map of a million one-item chunks, say) makes about three
 * events per task pile up in memory, so keep it quick. "Started" means the task reached the head of its worker's queue, which is
 * when the worker begins it.
 */
public interface PoolListener {
  default void taskSubmitted(TaskEvent event) {}

  default void taskStarted(TaskEvent event) {}

  default void taskFinished(TaskEvent event) {}

  /** The task failed, was cancelled, or its pool was terminated; {@code error} says which. */
  default void taskFailed(TaskEvent event, Throwable error) {}
}
