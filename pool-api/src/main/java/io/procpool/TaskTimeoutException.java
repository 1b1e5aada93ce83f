package io.procpool;

import java.time.Duration;

/**
 * A task ran longer than the pool's task timeout. Unlike a timed {@code get}, this really stops the
 * task: the worker running it was killed and replaced; other tasks went on.
 */
public final class TaskTimeoutException extends RuntimeException {
  /** The timeout the task exceeded. */
  private final Duration timeout;

  /**
   * Creates the failure of a task stopped by its timeout.
   *
   * @param workerName the worker that ran it and was stopped, such as {@code PoolWorker-2}
   * @param timeout the timeout the task exceeded
   */
  public TaskTimeoutException(String workerName, Duration timeout) {
    super("task ran longer than its timeout of " + describe(timeout) + " in " + workerName
        + "; the worker was stopped and replaced");
    this.timeout = timeout;
  }

  /**
   * The timeout the task exceeded.
   *
   * @return the pool's task timeout, or the one of the view the task was submitted through
   */
  public Duration timeout() {
    return timeout;
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }
}
