package io.procpool;

import java.time.Duration;

/**
 * A task ran longer than the pool's task timeout. Unlike a timed {@code get}, this really stops the
 * task: the worker running it was killed and replaced; other tasks went on.
 */
public final class TaskTimeoutException extends RuntimeException {
  private final Duration timeout;

  public TaskTimeoutException(String workerName, Duration timeout) {
    super("task ran longer than its timeout of " + describe(timeout) + " in " + workerName
        + "; the worker was stopped and replaced");
    this.timeout = timeout;
  }

  /** The timeout the task exceeded. */
  public Duration timeout() {
    return timeout;
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
