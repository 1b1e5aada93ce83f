package io.procpool.core.internal;

import io.procpool.AsyncResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** An {@link AsyncResult} over a future the pool completes. */
final class DefaultAsyncResult<R> implements AsyncResult<R> {
  private final CompletableFuture<R> future;

  DefaultAsyncResult(CompletableFuture<R> future) {
    this.future = future;
  }

  @Override
  public R get() throws InterruptedException, ExecutionException {
    return future.get();
  }

  @Override
  public R get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(timeout, unit);
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
      future.get();
    } catch (ExecutionException e) {
      // ready, though not successful: that is all waitFor promises
    }
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      future.get(timeout, unit);
    } catch (ExecutionException e) {
      // ready
    } catch (TimeoutException e) {
      return false;
    }
    return true;
  }

  @Override
  public CompletableFuture<R> toCompletableFuture() {
    return future.copy();
  }

  @Override
  public String toString() {
    return "AsyncResult[" + (future.isDone() ? (successful() ? "successful" : "failed") : "pending") + "]";
  }
}
