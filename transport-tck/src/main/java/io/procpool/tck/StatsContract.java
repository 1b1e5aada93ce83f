package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.PoolStats;
import io.procpool.WorkerStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@link Pool#stats()}: the workers, the queue, the counts and the latencies a snapshot gives. */
public interface StatsContract extends TransportTestKit {

  @Test
  default void aPoolAtRestListsItsWorkersIdleWithNothingQueued(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    assertEquals(List.of(1, 4, 9, 16), pool.map(TckTasks::square, List.of(1, 2, 3, 4), 1));

    PoolStats stats = StatsContract.awaitStats(pool, s -> s.workersAlive() == 2);

    assertEquals(List.of("PoolWorker-1", "PoolWorker-2"), stats.workers().stream().map(WorkerStats::name).toList());
    assertEquals(0, stats.queueDepth());
    assertEquals(0, stats.tasksInFlight());
    stats.workers().forEach(worker -> assertEquals(0, worker.tasksInFlight(), worker.name()));
  }

  @Test
  default void tasksAWorkerHoldsAreInFlightAndTheRestQueued(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    pool.apply(() -> 0); // the worker is up
    try (FileLatch latch = FileLatch.create()) {
      String path = latch.path();
      List<AsyncResult<Integer>> held = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int value = i;
        held.add(pool.applyAsync(() -> TckTasks.valueWhenReleased(path, value)));
      }

      PoolStats stats = StatsContract.awaitStats(pool, s -> s.tasksInFlight() > 0);

      assertEquals(4, stats.tasksInFlight() + stats.queueDepth(), stats.toString());
      assertEquals(stats.tasksInFlight(), stats.workers().get(0).tasksInFlight());
      latch.release();
      for (int i = 0; i < 4; i++) {
        assertEquals(i, held.get(i).get());
      }
    }
  }

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

  /** Takes snapshots until one satisfies {@code until}, for at most ten seconds; fails with the last. */
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
