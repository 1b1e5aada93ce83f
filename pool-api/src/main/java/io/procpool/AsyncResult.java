package io.procpool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of a task that was handed to a pool and may not have run yet; Python's
 * {@code multiprocessing.pool.AsyncResult}.
 *
 * <pre>
 *   pending --(task returns)--------------------> ready, successful
 *      |----(task throws, worker dies, pool terminated, value cannot be serialized)
 *                                              --> ready, not successful
 * </pre>
 *
 * A result becomes ready exactly once and never changes afterwards. Waiting on it never hangs
 * for a reason of the pool's own: a dead worker or a terminated pool makes it ready with a failure.
 *
 * @param <R> the type of the task's value
 */
public interface AsyncResult<R> {

  /**
   * Waits for the task and returns its value.
   *
   * @throws ExecutionException when the task failed; its cause is the task's own exception if it
   *     could be rebuilt here, else a {@link RemoteTaskException}; or a {@link WorkerDiedException},
   *     {@link PoolTerminatedException} or {@link TaskSerializationException}
   */
  R get() throws InterruptedException, ExecutionException;

  /**
   * As {@link #get()}, waiting at most the given time. A timeout only stops this wait: the task
   * keeps its place and may still complete.
   */
  R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException;

  /** Whether the task has completed, one way or the other. */
  boolean ready();

  /**
   * Whether the task completed without an exception.
   *
   * @throws IllegalStateException if the result is not ready yet (Python raises ValueError)
   */
  boolean successful();

  /** Waits until the result is ready without taking its value (Python's {@code wait()}). */
  void waitFor() throws InterruptedException;

  /** Waits until ready or the time is up; returns whether the result is ready. */
  boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException;

  /**
   * A {@link CompletableFuture} view for composing with other Java code. Completing or cancelling
   * the returned future does not affect the task.
   */
  CompletableFuture<R> toCompletableFuture();
}
