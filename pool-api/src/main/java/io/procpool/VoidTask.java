package io.procpool;

import java.io.Serializable;

/**
 * A task that returns nothing, such as {@code pool.apply(Work::printReport)}. Its result is
 * {@code null} once it has run.
 */
@FunctionalInterface
public interface VoidTask extends Serializable {
  /**
   * Runs the task in a worker.
   *
   * @throws Exception anything; it reaches the caller as the cause of an {@code ExecutionException}
   */
  void run() throws Exception;
}
