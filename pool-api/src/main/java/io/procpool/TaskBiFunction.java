package io.procpool;

import java.io.Serializable;

/**
 * A function of two arguments applied in a worker, for {@link Pool#starmap}:
 * {@code pool.starmap(Math::max, List.of(Map.entry(1, 2), Map.entry(5, 3)))} is {@code [2, 5]}.
 * The function and each pair of arguments are serialized.
 *
 * @param <A> the first argument's type
 * @param <B> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskBiFunction<A, B, R> extends Serializable {
  /**
   * Runs in a worker with one pair's key as {@code first} and its value as {@code second}.
   *
   * @param first the pair's key, deserialized in the worker
   * @param second the pair's value, deserialized in the worker
   * @return the result, sent back to the pool
   * @throws Exception anything; it fails the pair as {@link TaskFunction#apply} failures do
   */
  R apply(A first, B second) throws Exception;
}
