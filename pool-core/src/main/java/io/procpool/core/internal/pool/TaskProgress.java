package io.procpool.core.internal.pool;

import io.procpool.Progress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The progress of a single task: total 1, read from its future, so it is final once the result is ready. */
final class TaskProgress extends CallProgress {
  private final CompletableFuture<?> result;

  TaskProgress(CompletableFuture<?> result, Callbacks callbacks, long startNanos) {
    super(callbacks, startNanos);
    this.result = result;
  }

  @Override
  Progress counts(Duration elapsed) {
    boolean failed = result.isCompletedExceptionally();
    boolean done = result.isDone() && !failed;
    return new Progress(done ? 1 : 0, failed ? 1 : 0, 1, elapsed);
  }

  @Override
  void firstListener() {
    result.whenComplete((value, error) -> changed());
  }
}
