package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.CurrentProcess;
import io.procpool.Pool;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** apply and applyAsync: tasks run in worker processes and their values come back. */
public interface ApplyContract extends TransportTestKit {

  /**
   * A lambda handed to {@code apply} runs in a worker and its value comes back.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void applyRunsLambdaInWorkerAndReturnsItsValue(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    assertEquals(42, pool.apply(() -> 6 * 7));
  }

  /**
   * A method reference and its argument travel together and the value comes back.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void applyWithArgumentRunsMethodReference(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    assertEquals(49, pool.apply(TckTasks::square, 7));
  }

  /**
   * A task that returns nothing runs, and its result is a successful {@code null}.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void voidTaskRunsAndYieldsNull(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    pool.apply(() -> TckTasks.square(3)); // value-returning lambda picks Task
    AsyncResult<Void> done = pool.applyAsync(() -> {
      TckTasks.square(2);
    });
    assertNull(done.get());
    assertTrue(done.successful());
  }

  /**
   * A task sees its worker's name, {@code PoolWorker-1}, while the caller stays
   * {@code MainProcess}: the transport must carry the name the core put in the launch spec.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void taskKnowsItsWorkersNameAndTheCallerIsTheMainProcess(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI));
    assertEquals(CurrentProcess.MAIN_PROCESS, CurrentProcess.name());
  }

  /**
   * A task runs in a process other than the caller's.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES)
  default void taskRunsInAnotherProcess(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    assertNotEquals(CurrentProcess.pid(), pool.apply(TckTasks::pid));
  }

  /**
   * Workers are reused: twenty tasks on a pool of two run in at most two processes.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES)
  default void workersAreReusedAcrossTasks(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    Set<Long> pids = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      pids.add(pool.apply(TckTasks::pid));
    }
    assertTrue(pids.size() <= 2, "20 tasks on a pool of 2 used processes " + pids);
  }

  /**
   * Three slow tasks on a pool of three run at once, one in each worker, so no connection
   * serializes another's work.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void asyncTasksSpreadOverDistinctWorkers(Pools pools) throws Exception {
    Pool pool = pools.start(3);
    List<AsyncResult<String>> names = List.of(
        pool.applyAsync(TckTasks::nameAfter, 1500L),
        pool.applyAsync(TckTasks::nameAfter, 1500L),
        pool.applyAsync(TckTasks::nameAfter, 1500L));
    Set<String> distinct = new HashSet<>();
    for (AsyncResult<String> name : names) {
      distinct.add(name.get());
    }
    assertEquals(Set.of("PoolWorker-1", "PoolWorker-2", "PoolWorker-3"), distinct);
  }

  /**
   * {@code applyAsync} returns while its task still runs, and the result becomes ready when it
   * completes.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void applyAsyncReturnsBeforeTheTaskCompletes(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> result = pool.applyAsync(() -> TckTasks.sleepThenReturn(500, 5));
    assertFalse(result.ready());
    assertEquals(5, result.get());
    assertTrue(result.ready());
  }

  /**
   * What a lambda captures travels with it to the worker.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void capturedValuesTravelWithTheLambda(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    List<Integer> numbers = List.of(1, 2, 3);
    String prefix = "sum=";
    assertEquals("sum=6", pool.apply(() -> prefix + numbers.stream().mapToInt(Integer::intValue).sum()));
  }

  /**
   * Records holding lists and maps travel to the worker and back intact.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void recordsAndCollectionsRoundTrip(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    TckTasks.Order order = new TckTasks.Order("ada", List.of(1, 2), Map.of("tea", 2.5));
    assertEquals(new TckTasks.Order("ADA", List.of(1, 2), Map.of("tea", 2.5)), pool.apply(TckTasks::total, order));
  }

  /**
   * A {@code null} argument and a {@code null} result travel as such.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void nullArgumentAndNullResultTravel(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    assertNull(pool.apply((String s) -> s, null));
  }
}
