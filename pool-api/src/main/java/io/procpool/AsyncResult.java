package io.procpool;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
 * <p>It is a {@link Future}, so code that takes a {@code Future} takes it: {@link #isDone()} is
 * {@link #ready()} and {@link #isCancelled()} is {@link #cancelled()}.
 *
 * <p>Two ways to wait for the value, as {@link CompletableFuture} has:
 * <table>
 *   <caption>How each way reports a failure</caption>
 *   <tr><th></th><th>{@link #get()}</th><th>{@link #join()}</th></tr>
 *   <tr><td>the task failed</td><td>checked {@link ExecutionException}, its cause the task's
 *       exception</td><td>unchecked {@link CompletionException}, the same cause</td></tr>
 *   <tr><td>cancelled</td><td>{@link CancellationException}</td><td>{@link CancellationException}</td></tr>
 *   <tr><td>interrupted</td><td>{@link InterruptedException}</td><td>not interruptible: keeps waiting</td></tr>
 * </table>
 * {@code join()} is for streams and lambdas, where checked exceptions do not fit:
 * {@code items.stream().map(x -> pool.applyAsync(Work::square, x)).toList().stream().map(AsyncResult::join)}.
 *
 * @param <R> the type of the task's value
 */
public interface AsyncResult<R> extends Future<R> {

  /**
   * Waits for the task and returns its value.
   *
   * @throws ExecutionException when the task failed; its cause is the task's own exception if it
   *     could be rebuilt here, else a {@link RemoteTaskException}; or a {@link WorkerDiedException},
   *     {@link TaskTimeoutException}, {@link PoolTerminatedException}, {@link WorkerStartException}
   *     or {@link TaskSerializationException}
   * @throws CancellationException if the task was cancelled
   */
  @Override
  R get() throws InterruptedException, ExecutionException;

  /**
   * Waits for the task and returns its value, as {@link CompletableFuture#join()}: unchecked
   * exceptions only, for streams and lambdas.
   *
   * @return the task's value
   * @throws CompletionException when the task failed; its cause is what {@link #get()}'s
   *     {@link ExecutionException} would have as cause
   * @throws CancellationException if the task was cancelled
   */
  R join();

  /**
   * As {@link #get()}, waiting at most the given time. A timeout only stops this wait: the task
   * keeps its place and may still complete.
   *
   * @param timeout how long to wait, in {@code unit}s
   * @param unit the unit of {@code timeout}
   * @return the task's value
   * @throws ExecutionException when the task failed, as for {@link #get()}
   * @throws InterruptedException if this thread is interrupted while waiting
   * @throws TimeoutException if the task has not completed in time
   */
  @Override
  R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException;

  /**
   * Whether the task has completed, one way or the other.
   *
   * @return true once the result is ready; it never goes back to false
   */
  boolean ready();

  /**
   * Whether the task completed without an exception.
   *
   * @return true if the task returned a value, false if it failed or was cancelled
   * @throws IllegalStateException if the result is not ready yet (Python raises ValueError)
   */
  boolean successful();

  /**
   * Waits until the result is ready without taking its value (Python's {@code wait()}).
   *
   * @throws InterruptedException if this thread is interrupted while waiting
   */
  void waitFor() throws InterruptedException;

  /**
   * Waits until ready or the time is up; returns whether the result is ready.
   *
   * @param timeout how long to wait at most, in {@code unit}s
   * @param unit the unit of {@code timeout}
   * @return true if the result is ready, false if the time ran out first
   * @throws InterruptedException if this thread is interrupted while waiting
   */
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
   * @param callback takes the task's value
   * @return this result, to chain {@link #onFailure}
   */
  AsyncResult<R> onSuccess(Consumer<? super R> callback);

  /**
   * Calls {@code errorCallback} with the failure once the task fails or is cancelled (Python's
   * {@code error_callback=}): the task's own exception, or the pool's (as {@link #get()}'s cause).
   * Runs as {@link #onSuccess} callbacks do.
   *
   * @param errorCallback takes the failure, a {@link CancellationException} if cancelled
   * @return this result, to chain {@link #onSuccess}
   */
  AsyncResult<R> onFailure(Consumer<? super Throwable> errorCallback);

  /**
   * How far the call has come, now. For {@code mapAsync}, {@code starmapAsync} and
   * {@code mapOutcomesAsync}, the total is the number of items, and items are counted as their
   * chunk settles (a chunk comes back as one answer: there is no count within it); for a single
   * task ({@code applyAsync}), the total is 1. Once {@link #ready()}, the progress is final and
   * {@code done + failed == total}: a {@code map} that failed or was cancelled counts every item
   * not done as failed. Cheap: it reads a few counters.
   *
   * @return a snapshot of the progress now
   */
  Progress progress();

  /**
   * Calls {@code listener} with the progress each time it changes, on the pool's callback thread
   * (as {@link #onSuccess} callbacks, never a transport's I/O thread), and once at once with the
   * progress so far. Changes that come faster than the listener runs are merged: it may not see
   * every step, but the last call it gets is the final progress, where
   * {@code done + failed == total}; after that, none. Registering after completion still calls it,
   * once, with the final progress.
   *
   * @param listener what to call with each new progress
   * @return this result
   */
  AsyncResult<R> onProgress(Consumer<? super Progress> listener);

  /**
   * Cancels the task. A task still waiting (in the pool or in a worker's queue) is removed without
   * running. A running task is stopped only if {@code mayInterruptIfRunning}: its worker process
   * is killed and replaced. Returns whether the task is now cancelled; false if it had completed,
   * or was running and may not be interrupted. A cancelled result's {@link #get()} throws
   * {@link CancellationException}.
   *
   * @param mayInterruptIfRunning whether a running task is stopped, by killing its worker
   * @return whether the task is now cancelled
   */
  @Override
  boolean cancel(boolean mayInterruptIfRunning);

  /**
   * Whether the task was cancelled before it completed.
   *
   * @return true if {@link #cancel(boolean)} succeeded on this result
   */
  boolean cancelled();

  /** {@link Future}'s name for {@link #ready()}: whether the task has completed, one way or the other. */
  @Override
  default boolean isDone() {
    return ready();
  }

  /** {@link Future}'s name for {@link #cancelled()}. */
  @Override
  default boolean isCancelled() {
    return cancelled();
  }

  /**
   * A {@link CompletableFuture} view for composing with other Java code. Each call gives a new
   * view. Cancelling the view cancels the task, as {@link #cancel(boolean)} with the same
   * argument; completing it by hand ({@code complete}, {@code obtrudeValue}) does not affect the task.
   *
   * <p>Which thread runs dependent stages: the view is completed on the pool's callback thread
   * (where {@link #onSuccess} callbacks run), never on a transport's I/O thread, so a stage
   * chained before the task completes ({@code thenApply}, {@code thenAccept}, ...) runs there,
   * in turn with the other callbacks; keep it quick, or use the {@code ...Async} forms with an
   * executor of your own. A stage chained after the view is complete runs at once on the thread
   * that chains it, as with any {@code CompletableFuture}. The view completes just after the
   * result is {@link #ready()}.
   *
   * @return a new future that completes as this result does
   */
  CompletableFuture<R> toCompletableFuture();
}
