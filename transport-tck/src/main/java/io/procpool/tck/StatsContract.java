package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.PoolStats;
import io.procpool.LatencyStats;
import io.procpool.WorkerStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@link Pool#stats()}: the workers, the queue, the counts and the latencies a snapshot gives. */
public interface StatsContract extends TransportTestKit {

  /**
   * stats() lists each live worker with its pid and the last lines its tasks wrote to standard error.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires({TransportCapability.SEPARATE_PROCESSES, TransportCapability.CAPTURES_OUTPUT})
  default void eachWorkerIsListedWithItsPidAndWhatItsTasksPrintedToStderr(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    String printer = pool.apply(() -> {
      TckTasks.printAndReturn("stats marker", 0);
      return CurrentProcess.name();
    });

    PoolStats stats = StatsContract.awaitStats(pool, s -> s.workersAlive() == 2);

    assertNotEquals(stats.workers().get(0).pid(), stats.workers().get(1).pid());
    for (WorkerStats worker : stats.workers()) {
      assertTrue(TransportTestKit.alive(worker.pid()), worker + " is a live process");
      boolean printedHere = worker.name().equals(printer);
      assertEquals(printedHere, worker.stderrTail().contains("err:stats marker"), worker.toString());
    }
  }

  /**
   * Tasks are counted done or failed, pool-wide and per worker, with their latencies, and the counts can be read after close.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void tasksAreCountedDoneOrFailedPoolWideAndPerWorkerAndTheCountsOutliveThePool(Pools pools)
      throws Exception {
    Pool pool = pools.start(2);
    for (int i = 0; i < 3; i++) {
      pool.apply(TckTasks::square, i);
      assertEquals(i + 1, pool.stats().tasksDone(), "a task is counted before its result completes");
    }
    assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::failIfNegative, -1));
    assertEquals(List.of(1, 2, 3, 4), pool.map(TckTasks::failIfNegative, List.of(1, 2, 3, 4), 1));
    assertThrows(ExecutionException.class, () -> pool.map(TckTasks::failIfNegative, List.of(1, -2, 3), 1));

    // A map fails as soon as one item has (as Python's does): its other items may still be running.
    PoolStats running = StatsContract.awaitStats(pool,
        s -> s.workersAlive() == 2 && s.queueDepth() + s.tasksInFlight() == 0); // at rest, or the wait fails
    assertEquals(List.of("PoolWorker-1", "PoolWorker-2"), running.workers().stream().map(WorkerStats::name).toList());
    assertEquals(9, running.tasksDone(), running.toString());
    assertEquals(2, running.tasksFailed(), running.toString());
    assertEquals(9, running.workers().stream().mapToLong(WorkerStats::tasksDone).sum(), running.toString());
    assertEquals(2, running.workers().stream().mapToLong(WorkerStats::tasksFailed).sum(), running.toString());
    pool.close();

    PoolStats closed = pool.stats();
    assertEquals(9, closed.tasksDone());
    assertEquals(2, closed.tasksFailed());
    assertEquals(0, closed.workersAlive());
    assertEquals(List.of(), closed.workers());
    assertEquals(0, closed.queueDepth() + closed.tasksInFlight());
    assertEquals(0, closed.workersDied() + closed.workersRetired(), "shutdown lets workers go: neither");
    for (LatencyStats times : List.of(closed.queueWait(), closed.runTime())) {
      assertEquals(11, times.count(), times.toString());
      assertTrue(times.p50().compareTo(times.p99()) <= 0 && times.p99().compareTo(times.max()) <= 0, times.toString());
    }
    assertTrue(closed.runTime().p50().compareTo(Duration.ZERO) > 0, closed.runTime().toString());
  }

  /**
   * A worker killed from outside the pool counts as died, and its replacement as started.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES)
  default void aWorkerKilledFromOutsideCountsDiedAndItsReplacementStarted(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    long pid = pool.apply(TckTasks::pid);

    ProcessHandle.of(pid).orElseThrow().destroyForcibly();

    PoolStats stats = StatsContract.awaitStats(pool, s -> s.workersDied() == 1 && s.workersAlive() == 1);
    assertEquals(2, stats.workersStarted());
    assertEquals("PoolWorker-2", stats.workers().get(0).name());
    assertNotEquals(pid, stats.workers().get(0).pid());
    assertEquals(0, stats.workersRetired());
  }

  /**
   * A worker let go after maxTasksPerChild tasks counts as retired, not died.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void workersThatRanMaxTasksPerChildCountRetired(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).maxTasksPerChild(1).build());
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI));
    pool.close();

    PoolStats stats = pool.stats();
    assertEquals(1, stats.workersRetired(), stats.toString());
    assertEquals(0, stats.workersDied(), stats.toString());
    assertEquals(2, stats.workersStarted(), "its successor started as it got its last task: " + stats);
  }

  /**
   * Takes snapshots until one satisfies {@code until}, for at most ten seconds; fails with the last.
   *
   * @param pool the pool to watch
   * @param until what the snapshot must show
   * @return the first snapshot that shows it
   * @throws InterruptedException if interrupted while waiting
   */
  static PoolStats awaitStats(Pool pool, Predicate<PoolStats> until) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    PoolStats stats = pool.stats();
    while (!until.test(stats)) {
      assertFalse(System.nanoTime() > deadline, "the pool's stats never got there: " + stats);
      Thread.sleep(10);
      stats = pool.stats();
    }
    return stats;
  }
}
