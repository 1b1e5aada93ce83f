package io.procpool;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The result of a task that was handed to a pool and may not have run yet; Python's
 * {@code multiprocessing.pool.AsyncResult}.
 *
 * <pre>
 *   pending --(task returns)--------------------> ready, successful
 *      |----(task throws, worker dies, task times out, pool terminated,
 *      |     value cannot be serialized)----------> ready, not successful
 *      |----(cancel)------------------------------> ready, not successful, cancelled
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
   *     {@link TaskTimeoutException}, {@link PoolTerminatedException}, {@link WorkerStartException}
   *     or {@link TaskSerializationException}
   * @throws CancellationException if the task was cancelled
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
   * Calls {@code callback} with the value once the task succeeds (Python's {@code callback=}).
   * Callbacks run on a thread of the pool's, never the caller's; one that is slow delays only
   * other callbacks, never results, and one that throws an exception is logged (through
   * {@link System.Logger}, logger {@code io.procpool.core.internal.pool}) and does not stop
   * others; an {@link Error} is not caught, and reaches the thread's uncaught-exception handler.
   * Callbacks wait in an unbounded queue, in order: one much slower than the tasks makes them pile
   * up in memory, so hand slow work on to an executor of your own. Registering after completion
   * still calls it.
   *
   * @return this result, to chain {@link #onFailure}
   */
  AsyncResult<R> onSuccess(Consumer<? super R> callback);

  /**
   * Calls {@code errorCallback} with the failure once the task fails or is cancelled (Python's
   * {@code error_callback=}): the task's own exception, or the pool's (as {@link #get()}'s cause).
   * Runs as {@link #onSuccess} callbacks do.
   */
  AsyncResult<R> onFailure(Consumer<? super Throwable> errorCallback);

  /**
   * Cancels the task. A task still waiting (in the pool or in a worker's queue) is removed without
   * running. A running task is stopped only if {@code mayInterruptIfRunning}: its worker process
   * is killed and replaced. Returns whether the task is now cancelled; false if it had completed,
   * or was running and may not be interrupted. A cancelled result's {@link #get()} throws
   * {@link CancellationException}.
   */
  boolean cancel(boolean mayInterruptIfRunning);

  /** Whether the task was cancelled before it completed. */
  boolean cancelled();

  /**
   * A {@link CompletableFuture} view for composing with other Java code. Completing or cancelling
   * the returned future does not affect the task.
   */
  CompletableFuture<R> toCompletableFuture();
}
