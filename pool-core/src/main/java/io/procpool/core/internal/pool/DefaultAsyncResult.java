package io.procpool.core.internal.pool;

import io.procpool.AsyncResult;
import io.procpool.Progress;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** An {@link AsyncResult} over a future the pool completes. */
public final class DefaultAsyncResult<R> implements AsyncResult<R> {
  /** How a result cancels its task(s); the argument is mayInterruptIfRunning. */
  interface Canceller {
    boolean cancel(boolean mayInterruptIfRunning);
  }

  private final CompletableFuture<R> future;
  private final Callbacks callbacks;
  private final Canceller canceller;
  /** The pool's: whether a waiting caller spins first. */
  private final SpinBeforePark spin;
  /** A map's, given; a single task's, made on first use (most results are never asked). */
  private CallProgress progress;
  private final long startNanos;

  /** The result of a single task. */
  DefaultAsyncResult(CompletableFuture<R> future, Callbacks callbacks, Canceller canceller, SpinBeforePark spin) {
    this(future, callbacks, canceller, spin, null);
  }

  /** The result of a call over many items, whose {@code progress} counts them. */
  DefaultAsyncResult(CompletableFuture<R> future, Callbacks callbacks, Canceller canceller, SpinBeforePark spin,
                     ItemProgress progress) {
    this.future = future;
    this.callbacks = callbacks;
    this.canceller = canceller;
    this.spin = spin;
    this.progress = progress;
    this.startNanos = progress == null ? System.nanoTime() : 0;
  }

  @Override
  public R get() throws InterruptedException, ExecutionException {
    spin.before(future, Long.MAX_VALUE);
    return future.get();
  }

  @Override
  public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return timedGet(unit.toNanos(timeout));
    } catch (TimeoutException e) {
      throw noResultWithin(timeout, unit); // the future's own has no message
    }
  }

  /** What a timed wait for a result that runs out throws: this one's, and imap's {@code next}. */
  public static TimeoutException noResultWithin(long timeout, TimeUnit unit) {
    return new TimeoutException("no result within " + timeout + " " + unit.toString().toLowerCase(Locale.ROOT));
  }

  private R timedGet(long timeoutNanos) throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(spunFor(timeoutNanos), TimeUnit.NANOSECONDS);
  }

  @Override
  public R join() {
    spin.before(future, Long.MAX_VALUE);
    return future.join();
  }

  /** Spins for part of {@code timeoutNanos} if it is worth it ({@link SpinBeforePark}); what is left of it. */
  private long spunFor(long timeoutNanos) {
    long start = System.nanoTime();
    spin.before(future, timeoutNanos);
    return timeoutNanos - (System.nanoTime() - start);
  }

  @Override
  public boolean ready() {
    return future.isDone();
  }

  @Override
  public boolean successful() {
    if (!future.isDone()) {
      throw new IllegalStateException("The result is not ready yet: call waitFor() or get() first");
    }
    return !future.isCompletedExceptionally();
  }

  @Override
  public void waitFor() throws InterruptedException {
    try {
      get();
    } catch (ExecutionException | CancellationException e) {
      // ready, though not successful: that is all waitFor promises
    }
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      timedGet(unit.toNanos(timeout));
    } catch (ExecutionException | CancellationException e) {
      // ready
    } catch (TimeoutException e) {
      return false;
    }
    return true;
  }

  @Override
  public AsyncResult<R> onSuccess(Consumer<? super R> callback) {
    Objects.requireNonNull(callback, "callback");
    future.thenAccept(value -> callbacks.run(() -> callback.accept(value)));
    return this;
  }

  @Override
  public AsyncResult<R> onFailure(Consumer<? super Throwable> errorCallback) {
    Objects.requireNonNull(errorCallback, "errorCallback");
    future.whenComplete((value, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        callbacks.run(() -> errorCallback.accept(cause));
      }
    });
    return this;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return canceller.cancel(mayInterruptIfRunning) || future.isCancelled();
  }

  @Override
  public boolean cancelled() {
    return future.isCancelled();
  }

  @Override
  public Progress progress() {
    return callProgress().snapshot();
  }

  @Override
  public AsyncResult<R> onProgress(Consumer<? super Progress> listener) {
    Objects.requireNonNull(listener, "listener");
    callProgress().listen(listener);
    return this;
  }

  private synchronized CallProgress callProgress() {
    if (progress == null) {
      progress = new TaskProgress(future, callbacks, startNanos);
    }
    return progress;
  }

  /**
   * Runs {@code action} once the task's outcome is in, on the thread that settles it, not the
   * callback thread: for the pool's own bookkeeping, which must be quick and must not wait for
   * callbacks (a view from {@link #toCompletableFuture} costs a future and a callback per task).
   */
  void whenSettled(Runnable action) {
    future.whenComplete((value, error) -> action.run());
  }

  @Override
  public CompletableFuture<R> toCompletableFuture() {
    return ResultView.of(future, callbacks, canceller);
  }

  @Override
  public String toString() {
    return "AsyncResult[" + (future.isDone() ? (successful() ? "successful" : "failed") : "pending") + "]";
  }
}
