package io.procpool.core.internal.wire;

import io.procpool.Task;
import io.procpool.VoidTask;
import java.util.concurrent.Callable;

/**
 * The {@code Callable}s and {@code Runnable}s of the pool's {@code ExecutorService} view, as the
 * pool's own task types. Here, in the room both sides load, because the worker runs these lambdas:
 * each carries the user's object, which must itself travel (a serializable lambda, or a class the
 * codec can take apart).
 */
public final class ExecutorTasks {
  private ExecutorTasks() {}

  /** A task that calls {@code callable}. */
  public static <T> Task<T> of(Callable<T> callable) {
    return callable::call;
  }

  /** A task that runs {@code runnable}. */
  public static VoidTask of(Runnable runnable) {
    return runnable::run;
  }

  /** A task that runs {@code runnable} and then returns {@code result}, which travels back. */
  public static <T> Task<T> of(Runnable runnable, T result) {
    return () -> {
      runnable.run();
      return result;
    };
  }
}
