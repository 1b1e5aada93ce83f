package io.procpool;

import java.io.Serializable;

/**
 * A function applied in a worker to one argument: {@code pool.apply(Work::square, 3)} or
 * {@code pool.map(Work::square, List.of(1, 2, 3))}. The function and each argument are serialized.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
  /**
   * Applies the function to one argument in a worker.
   *
   * @param argument the argument, deserialized in the worker
   * @return the result, sent back to the pool
   * @throws Exception anything; it reaches the caller as the cause of an {@code ExecutionException}
   */
  R apply(T argument) throws Exception;
}
