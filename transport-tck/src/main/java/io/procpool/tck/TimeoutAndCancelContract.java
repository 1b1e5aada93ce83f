package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.TaskTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task timeout that really stops the task, and cancel. */
public interface TimeoutAndCancelContract extends TransportTestKit {

  /**
   * A task that overruns the pool's timeout fails with a {@code TaskTimeoutException} naming the
   * timeout and the worker, and the worker is replaced.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void overrunningTaskIsStoppedAndItsWorkerReplaced(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).taskTimeout(Duration.ofMillis(2000)).build());
    assertEquals(7, pool.apply(() -> TckTasks.sleepThenReturn(50, 7)));
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> pool.apply(() -> TckTasks.sleepThenReturn(60_000, 1)));
    TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, failure.getCause());
    assertEquals(Duration.ofMillis(2000), timeout.timeout());
    assertTrue(timeout.getMessage().contains("PoolWorker-1"), timeout.getMessage());
    assertEquals("PoolWorker-2", pool.apply(TckTasks::whoAmI));
  }

  /**
   * A timeout set through {@code withTaskTimeout} stops the view's task, while the pool's own tasks
   * stay untimed.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void aPerCallTimeoutStopsItsTaskAndLeavesThePoolsOwnTasksUntimed(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    Pool hasty = pool.withTaskTimeout(Duration.ofMillis(1500));
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> hasty.apply(() -> TckTasks.sleepThenReturn(60_000, 1)));
    TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, failure.getCause());
    assertEquals(Duration.ofMillis(1500), timeout.timeout());
    assertTrue(timeout.getMessage().contains("PoolWorker-1"), timeout.getMessage());
    assertEquals("PoolWorker-2", pool.apply(TckTasks::whoAmI));
    assertEquals(4, pool.apply(() -> TckTasks.sleepThenReturn(2500, 4)), "the pool's own tasks have no timeout");
  }

  /**
   * A view's timeout takes the place of the pool-wide one, even when it is longer.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void aPerCallTimeoutTakesThePlaceOfThePoolWideOne(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).taskTimeout(Duration.ofMillis(1000)).build());
    Pool patient = pool.withTaskTimeout(Duration.ofSeconds(30));
    assertEquals(5, patient.applyAsync(() -> TckTasks.sleepThenReturn(2000, 5)).get());
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI), "no worker was stopped");
  }

  /**
   * A view's timeout on {@code mapOutcomes} stops only the chunk that overruns; the other items
   * keep their values.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void aPerCallTimeoutOnAMapStopsOnlyTheChunkThatOverruns(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<Outcome<Integer>> outcomes = pool.withTaskTimeout(Duration.ofMillis(2000))
        .mapOutcomes(x -> x == 2 ? TckTasks.sleepThenReturn(60_000, x) : x, List.of(1, 2, 3), 1);
    assertEquals(1, outcomes.get(0).value());
    assertInstanceOf(TaskTimeoutException.class, outcomes.get(1).error());
    assertEquals(3, outcomes.get(2).value());
  }

  /**
   * A timeout view is the same pool: the same size, and closing it closes the pool; a zero timeout
   * is refused, naming it.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aTimeoutViewIsTheSamePool(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> pool.withTaskTimeout(Duration.ZERO));
    assertTrue(refused.getMessage().contains("PT0S"), refused.getMessage());
    Pool view = pool.withTaskTimeout(Duration.ofSeconds(30));
    assertEquals(pool.size(), view.size());
    assertEquals(9, view.apply(TckTasks::square, 3));
    view.close();
    assertThrows(IllegalStateException.class, () -> pool.applyAsync(() -> 1), "closing the view closed the pool");
  }

  /**
   * A task's timeout counts from when it starts in its worker, not the time it waited in the queue.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void queuedTasksAreNotChargedForTheTimeTheyWaited(Pools pools) throws Exception {
    // Each task runs 1 s, well within 2.5 s; the third has waited 2 s before it starts.
    Pool pool = pools.register(pools.builder(1).taskTimeout(Duration.ofMillis(2500)).build());
    List<AsyncResult<Integer>> results = List.of(
        pool.applyAsync(() -> TckTasks.sleepThenReturn(1000, 1)),
        pool.applyAsync(() -> TckTasks.sleepThenReturn(1000, 2)),
        pool.applyAsync(() -> TckTasks.sleepThenReturn(1000, 3)));
    assertEquals(List.of(1, 2, 3), List.of(results.get(0).get(), results.get(1).get(), results.get(2).get()));
  }

  /**
   * A queued task that is cancelled is ready, throws {@code CancellationException}, and never runs.
   *
   * @param pools the test's pools, terminated after it
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void cancelledQueuedTaskNeverRuns(Pools pools, @TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran");
    Pool pool = pools.start(1);
    AsyncResult<Integer> first = pool.applyAsync(() -> TckTasks.sleepThenReturn(600, 1));
    AsyncResult<String> second = pool.applyAsync(() -> TckTasks.recordRun(marker, 2));
    assertTrue(second.cancel(false));
    assertTrue(second.cancelled());
    assertTrue(second.ready());
    assertThrows(CancellationException.class, second::get);
    assertEquals(1, first.get());
    pool.close();
    assertFalse(Files.exists(marker), "the cancelled task ran");
  }

  /**
   * A running task is not cancelled by {@code cancel(false)}, and completes with its value.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void runningTaskIsNotCancelledWithoutPermissionToInterrupt(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    pool.apply(() -> 0);
    AsyncResult<Integer> running = pool.applyAsync(() -> TckTasks.sleepThenReturn(800, 8));
    Thread.sleep(200); // let it start
    assertFalse(running.cancel(false));
    assertEquals(8, running.get());
  }

  /**
   * {@code cancel(true)} of a running task stops it by replacing its worker.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void runningTaskCancelledWithInterruptStopsItsWorker(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    pool.apply(() -> 0);
    AsyncResult<Integer> running = pool.applyAsync(() -> TckTasks.sleepThenReturn(60_000, 1));
    Thread.sleep(200);
    assertTrue(running.cancel(true));
    assertThrows(CancellationException.class, running::get);
    assertEquals("PoolWorker-2", pool.apply(TckTasks::whoAmI));
  }

  /**
   * A completed task cannot be cancelled.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void completedTaskCannotBeCancelled(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> done = pool.applyAsync(() -> 3);
    assertEquals(3, done.get());
    assertFalse(done.cancel(true));
    assertFalse(done.cancelled());
  }

  /**
   * Cancelling a {@code mapAsync} result cancels its chunks, and the pool goes on.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void cancellingAMapCancelsItsChunks(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<List<Integer>> map = pool.mapAsync(x -> TckTasks.sleepThenReturn(300, x), List.of(1, 2, 3, 4, 5, 6), 1);
    assertTrue(map.cancel(true));
    assertThrows(CancellationException.class, map::get);
    assertEquals(4, pool.apply(TckTasks::square, 2));
  }
}
