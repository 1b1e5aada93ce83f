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
  /**
   * The task was accepted by the pool and queued.
   *
   * @param event the task, its worker (none yet) and its number of items
   */
  default void taskSubmitted(TaskEvent event) {}

  /**
   * The task reached the head of its worker's queue, and so began.
   *
   * @param event the task, the worker running it and its number of items
   */
  default void taskStarted(TaskEvent event) {}

  /**
   * The task completed with a result.
   *
   * @param event the task, the worker that ran it and its number of items
   */
  default void taskFinished(TaskEvent event) {}

  /**
   * The task failed, was cancelled, or its pool was terminated; {@code error} says which.
   *
   * @param event the task, its worker (if it had one) and its number of items
   * @param error what the task's result fails with
   */
  default void taskFailed(TaskEvent event, Throwable error) {}
}
