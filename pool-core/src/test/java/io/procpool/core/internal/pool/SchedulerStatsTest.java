package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procpool.PoolStats;
import io.procpool.WorkerStats;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@link Scheduler#stats()} says of the queue and the workers, on fake workers. */
@Timeout(10)
class SchedulerStatsTest {
  private final SchedulerFixture pool = new SchedulerFixture();

  @Test
  void listsEachConnectedWorkerWithTheTasksItHoldsAndCountsTheQueue() {
    WorkerHandle first = pool.readyWorker();
    pool.startingWorker(); // launched, not yet connected: not alive yet
    pool.submit(5); // a busy worker holds at most two before any task took a measured time

    PoolStats stats = pool.scheduler.stats();

    assertEquals(1, stats.workersAlive());
    assertEquals(List.of("PoolWorker-1"), stats.workers().stream().map(WorkerStats::name).toList());
    assertEquals(4242, stats.workers().get(0).pid());
    assertEquals(2, stats.workers().get(0).tasksInFlight());
    assertEquals(2, stats.tasksInFlight());
    assertEquals(3, stats.queueDepth());
    first.onClosed(null);
    assertEquals(List.of(), pool.scheduler.stats().workers(), "a worker that left is no longer listed");
  }

  @Test
  void aWorkersStderrTailIsWhatItsJvmWroteThenWhatItsTasksPrinted() {
    WorkerHandle worker = pool.startingWorker(new FakeWorkerProcess("PoolWorker-1").wroteToStderr("jvm warning"));
    pool.scheduler.onReady(worker);
    pool.printedToStderr(worker, "task said\nhalf a line");

    WorkerStats stats = pool.scheduler.stats().workers().get(0);

    assertEquals(List.of("jvm warning", "task said", "half a line"), stats.stderrTail());
  }

  @Test
  void aSnapshotStaysAsItWasTaken() {
    WorkerHandle worker = pool.readyWorker();
    PoolStats before = pool.scheduler.stats();
    pool.submit(1);
    pool.printedToStderr(worker, "later\n");
    assertEquals(0, before.tasksInFlight());
    assertEquals(List.of(), before.workers().get(0).stderrTail());
    assertEquals(1, pool.scheduler.stats().workers().get(0).tasksInFlight());
  }
}
