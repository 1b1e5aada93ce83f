package io.procpool.core;

import io.procpool.Pool;

/**
 * Where pools come from.
 *
 * <pre>{@code
 * try (Pool pool = ProcessPool.create(4)) {
 *   List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 *
 * The transport is the one named by the system property {@code procpool.transport}, else the
 * best one on the class path (add {@code io.procpool:transport-pipes}). {@link #builder()} sets
 * the transport, worker JVM options and more.
 *
 * <p>Worker start-up: when the class path is all jars, the first pool on a machine makes a class
 * data sharing archive of what a worker loads, in {@code ~/.cache/procpool/cds} (system property
 * {@code procpool.cds.dir}), and later workers start from it, about a third faster; on JDK 25
 * and later it is the JVM's ahead-of-time cache instead (system property {@code procpool.aot=false}
 * keeps the CDS archive). System property {@code procpool.cds=false} turns both off.
 */
public final class ProcessPool {
  private ProcessPool() {}

  /**
   * Starts a pool with one worker per available processor.
   *
   * @return the running pool; close it to stop its workers
   * @throws IllegalStateException if no transport is on the class path, or a worker cannot be
   *     started at all (see {@link PoolBuilder#build()})
   */
  public static Pool create() {
    return builder().build();
  }

  /**
   * Starts a pool with {@code workers} worker processes.
   *
   * @param workers the number of workers, at least 1
   * @return the running pool; close it to stop its workers
   * @throws IllegalArgumentException if {@code workers} is less than 1
   * @throws IllegalStateException if no transport is on the class path, or a worker cannot be
   *     started at all (see {@link PoolBuilder#build()})
   */
  public static Pool create(int workers) {
    return builder().workers(workers).build();
  }

  /** {@return a new builder for a pool with settings of your own} */
  public static PoolBuilder builder() {
    return new PoolBuilder();
  }
}
