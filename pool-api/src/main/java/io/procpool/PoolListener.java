package io.procpool;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Told of each task as it is submitted, started, finished or failed: enough for a progress bar or
 * metrics. The pool calls it on its own callback thread, one event at a time and, for one task,
 * in order; a slow listener delays only other callbacks, and one that throws is logged, as a
 * result callback is (see {@link AsyncResult#onSuccess}). Events wait in an unbounded queue: a
 * listener slower than the tasks (a map of a million one-item chunks, say) makes about three
 * events per task pile up in memory, so keep it quick. "Started" means the task reached the head of its worker's queue, which is
 * when the worker begins it.
 *
 * <p>To listen to one kind of event with a lambda, use a factory:
 * {@code builder.listener(PoolListener.onTaskFailed((event, error) -> log.warn(...)))}.
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

  /**
   * A listener told only of submitted tasks.
   *
   * @param action called with each submitted task's event
   * @return a listener to pass to {@code PoolBuilder.listener}
   */
  static PoolListener onTaskSubmitted(Consumer<? super TaskEvent> action) {
    Objects.requireNonNull(action, "action");
    return new PoolListener() {
      @Override
      public void taskSubmitted(TaskEvent event) {
        action.accept(event);
      }
    };
  }

  /**
   * A listener told only of started tasks.
   *
   * @param action called with each started task's event
   * @return a listener to pass to {@code PoolBuilder.listener}
   */
  static PoolListener onTaskStarted(Consumer<? super TaskEvent> action) {
    Objects.requireNonNull(action, "action");
    return new PoolListener() {
      @Override
      public void taskStarted(TaskEvent event) {
        action.accept(event);
      }
    };
  }

  /**
   * A listener told only of tasks that finished successfully.
   *
   * @param action called with each finished task's event
   * @return a listener to pass to {@code PoolBuilder.listener}
   */
  static PoolListener onTaskFinished(Consumer<? super TaskEvent> action) {
    Objects.requireNonNull(action, "action");
    return new PoolListener() {
      @Override
      public void taskFinished(TaskEvent event) {
        action.accept(event);
      }
    };
  }

  /**
   * A listener told only of tasks that failed, were cancelled or were stopped by a terminate.
   *
   * @param action called with each failed task's event and what it failed with
   * @return a listener to pass to {@code PoolBuilder.listener}
   */
  static PoolListener onTaskFailed(BiConsumer<? super TaskEvent, ? super Throwable> action) {
    Objects.requireNonNull(action, "action");
    return new PoolListener() {
      @Override
      public void taskFailed(TaskEvent event, Throwable error) {
        action.accept(event, error);
      }
    };
  }
}
