package io.procpool.core.internal.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link CompletableFuture} a result gives to {@code toCompletableFuture()}: completed from the
 * result's own future on the pool's callback thread, so that dependent stages never run on a
 * transport's I/O thread; cancelling it cancels the task.
 */
final class ResultView<R> extends CompletableFuture<R> {
  private final CompletableFuture<R> source;
  private final DefaultAsyncResult.Canceller canceller;

  private ResultView(CompletableFuture<R> source, DefaultAsyncResult.Canceller canceller) {
    this.source = source;
    this.canceller = canceller;
  }

  /** A new view of {@code source}, completed through {@code callbacks}. */
  static <R> ResultView<R> of(CompletableFuture<R> source, Callbacks callbacks,
                              DefaultAsyncResult.Canceller canceller) {
    ResultView<R> view = new ResultView<>(source, canceller);
    source.whenComplete((value, error) -> callbacks.run(view::completeFromSource));
    return view;
  }

  private void completeFromSource() {
    try {
      complete(source.join());
    } catch (RuntimeException error) {
      // join wraps a failure in a CompletionException and throws a cancellation as it is; the
      // view keeps that shape, as a copy() would
      completeExceptionally(error);
    }
  }

  /** Cancels the task (a waiting one never runs), then this view. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean taskCancelled = canceller.cancel(mayInterruptIfRunning) || source.isCancelled();
    return super.cancel(mayInterruptIfRunning) || taskCancelled;
  }

  // Waiting for the view on the callback thread (in a callback) would wait for this very thread
  // to complete it: there, complete it from the source first, which runs its stages here too.

  @Override
  public R get() throws InterruptedException, ExecutionException {
    if (Callbacks.onCallbackThread() && !isDone()) {
      source.handle((value, error) -> null).get();
      completeFromSource();
    }
    return super.get();
  }

  @Override
  public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    if (Callbacks.onCallbackThread() && !isDone()) {
      source.handle((value, error) -> null).get(timeout, unit);
      completeFromSource();
    }
    return super.get(timeout, unit);
  }

  @Override
  public R join() {
    if (Callbacks.onCallbackThread() && !isDone()) {
      source.handle((value, error) -> null).join();
      completeFromSource();
    }
    return super.join();
  }

  /** Dependent stages are plain futures: cancelling one of them does not reach the task. */
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}
