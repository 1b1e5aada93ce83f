package io.procpool;

import java.io.Serializable;

/**
 * A task that returns a value, sent to a worker process. Write it as a lambda or a method
 * reference: {@code pool.apply(() -> fib(30))}. What the lambda captures travels with it, so it
 * must be serializable by the pool (plain data, records, collections, your own classes).
 *
 * @param <R> the type of the result
 */
@FunctionalInterface
public interface Task<R> extends Serializable {
  /**
   * Runs the task in a worker.
   *
   * @return the task's result, sent back to the pool
   * @throws Exception anything; it reaches the caller as the cause of an {@code ExecutionException}
   */
  R call() throws Exception;
}
