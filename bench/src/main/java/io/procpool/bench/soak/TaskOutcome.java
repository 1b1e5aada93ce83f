package io.procpool.bench.soak;

import io.procpool.PoolTerminatedException;
import io.procpool.RemoteTaskException;
import io.procpool.TaskTimeoutException;
import io.procpool.WorkerDiedException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How one task ended, as the soak counts it. */
enum TaskOutcome {
  VALUE("value", true),
  WRONG_VALUE("wrong value", false),
  OWN_EXCEPTION("SoakTaskFailure (the task's own)", true),
  WORKER_DIED("WorkerDiedException", true),
  TIMED_OUT("TaskTimeoutException", true),
  CANCELLED("CancellationException", true),
  POOL_TERMINATED("PoolTerminatedException", false),
  REMOTE_EXCEPTION("RemoteTaskException (not rebuilt)", false),
  OTHER_FAILURE("other exception", false);

  final String label;
  /** Whether a soak may end this way; any other outcome fails the run. */
  final boolean expected;

  TaskOutcome(String label, boolean expected) {
    this.label = label;
    this.expected = expected;
  }

  /** The outcome a failure stands for, after unwrapping the ExecutionException or CompletionException around it. */
  static TaskOutcome of(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof SoakTaskFailure) {
      return OWN_EXCEPTION;
    }
    if (cause instanceof WorkerDiedException) {
      return WORKER_DIED;
    }
    if (cause instanceof TaskTimeoutException) {
      return TIMED_OUT;
    }
    if (cause instanceof CancellationException) {
      return CANCELLED;
    }
    if (cause instanceof PoolTerminatedException) {
      return POOL_TERMINATED;
    }
    if (cause instanceof RemoteTaskException) {
      return REMOTE_EXCEPTION;
    }
    return OTHER_FAILURE;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
