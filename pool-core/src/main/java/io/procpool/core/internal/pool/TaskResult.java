package io.procpool.core.internal.pool;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A task's future, which counts the task done or failed for {@link io.procpool.Pool#stats()} as it
 * completes: counted first, then completed (and the count taken back if another completion won),
 * so whoever sees the result complete, and then takes a snapshot, finds it counted. No allocation
 * per task, which a completion stage would cost. Counting starts once the pool accepted the task
 * ({@link #countIn}); one that failed before (its value could not be serialized) is counted there.
 */
final class TaskResult extends CompletableFuture<Object> {
  private volatile PoolStatistics statistics;

  /** The pool accepted the task: from now on its completion is counted. Scheduler's lock. */
  void countIn(PoolStatistics statistics) {
    if (isDone()) {
      statistics.count(!isCompletedExceptionally(), 1); // completed before anyone else could see it
    } else {
      this.statistics = statistics;
    }
  }

  @Override
  public boolean complete(Object value) {
    PoolStatistics counting = statistics;
    if (counting == null) {
      return super.complete(value);
    }
    counting.count(true, 1);
    if (super.complete(value)) {
      return true;
    }
    counting.count(true, -1);
    return false;
  }

  @Override
  public boolean completeExceptionally(Throwable failure) {
    PoolStatistics counting = statistics;
    if (counting == null) {
      return super.completeExceptionally(failure);
    }
    counting.count(false, 1);
    if (super.completeExceptionally(failure)) {
      return true;
    }
    counting.count(false, -1);
    return false;
  }

  /** As {@link CompletableFuture#cancel} (true if it is cancelled, now or before), counted. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return completeExceptionally(new CancellationException()) || isCancelled();
  }
}
