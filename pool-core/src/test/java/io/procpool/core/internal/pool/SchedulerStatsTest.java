package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.LatencyStats;
import io.procpool.PoolStats;
import io.procpool.WorkerStats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  @Test
  void tasksAreCountedDoneOrFailedAsTheirResultsCompleteAndEachWorkerCountsItsAnswers() {
    WorkerHandle worker = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(2);
    pool.answer(worker, tasks.get(0));
    pool.failThenRetire(worker, tasks.get(1), new IllegalStateException("no"));
    PendingTask cancelled = pool.submitOne(); // queued: its worker is gone
    assertTrue(pool.scheduler.cancel(cancelled, false));

    PoolStats stats = pool.scheduler.stats();

    assertEquals(1, stats.tasksDone());
    assertEquals(2, stats.tasksFailed(), "the one that threw, and the one cancelled");
    WorkerStats counted = stats.workers().get(0);
    assertEquals(1, counted.tasksDone());
    assertEquals(1, counted.tasksFailed());
  }

  @Test
  void runTimeIsWhatTheWorkerMeasuredAndQueueWaitEndsWhenAWorkerIsHandedTheTask() {
    assertEquals(LatencyStats.NONE, pool.scheduler.stats().runTime());
    WorkerHandle worker = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(3);
    pool.answer(worker, tasks.get(0), "done", 2_000_000);
    pool.answer(worker, tasks.get(1), "done", 3_000_000);
    pool.answer(worker, tasks.get(2), "done", 50_000_000);

    PoolStats stats = pool.scheduler.stats();

    LatencyStats run = stats.runTime();
    assertEquals(3, run.count());
    assertEquals(3.0, run.p50().toNanos() / 1e6, 0.03, run.toString());
    assertEquals(50.0, run.max().toNanos() / 1e6, 0.5, run.toString());
    assertEquals(50.0, run.p99().toNanos() / 1e6, 0.5, run.toString());
    assertEquals(3, stats.queueWait().count(), "measured for the same tasks");
    assertTrue(stats.queueWait().max().compareTo(Duration.ofSeconds(10)) < 0, stats.queueWait().toString());
  }

  @Test
  void aWorkerThatEndsByItselfDiedAndOneThatDidItsShareRetired() {
    SchedulerFixture pool = new SchedulerFixture(SchedulerFixture.maxTasksPerChild(1));
    WorkerHandle first = pool.readyWorker();
    pool.answer(first, pool.submitOne());
    first.onClosed(null); // it left after its one task, as the pool asked
    WorkerHandle second = pool.readyWorker();
    second.onClosed(new IOException("crashed"));

    PoolStats stats = pool.scheduler.stats();

    assertEquals(2, stats.workersStarted());
    assertEquals(1, stats.workersRetired());
    assertEquals(1, stats.workersDied());
    assertEquals(0, stats.workersAlive());
  }

  @Test
  void aWorkerStoppedForATimeoutOrUnfitDiedAndOnesLetGoAtShutdownOrTerminateAreNeither() {
    SchedulerFixture pool = new SchedulerFixture(SchedulerFixture.taskTimeout(Duration.ofSeconds(1)));
    WorkerHandle overran = pool.readyWorker();
    pool.submitOne();
    pool.timer.advance(Duration.ofSeconds(1));
    assertTrue(pool.process(overran).killed());
    overran.onClosed(null);
    WorkerHandle unfit = pool.readyWorker();
    pool.failThenRetire(unfit, pool.submitOne(), new OutOfMemoryError("Java heap space"));
    unfit.onClosed(null);
    WorkerHandle busy = pool.readyWorker();
    pool.submitOne();
    WorkerHandle idle = pool.readyWorker();
    pool.scheduler.shutdown();
    assertTrue(pool.connection(idle).closed(), "an idle worker is let go at shutdown");
    idle.onClosed(null);
    pool.scheduler.terminate();
    busy.onClosed(null);

    PoolStats stats = pool.scheduler.stats();

    assertEquals(4, stats.workersStarted());
    assertEquals(2, stats.workersDied(), stats.toString());
    assertEquals(0, stats.workersRetired());
    assertEquals(List.of(), stats.workers());
    assertEquals(3, stats.tasksFailed(), "timed out, threw, dropped by terminate");
  }

  @Test
  void joinWaitsForATaskLostWithItsWorkerToFailSoEveryResultIsCountedOnceThePoolIsClosed() throws Exception {
    WorkerHandle worker = pool.startingWorker(new FakeWorkerProcess("PoolWorker-1").exitStaysUnknown());
    pool.scheduler.onReady(worker);
    pool.submitOne();
    pool.scheduler.shutdown();
    worker.onClosed(null);

    CompletableFuture<Void> joined = CompletableFuture.runAsync(() -> {
      try {
        pool.scheduler.awaitNoWorkers();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertFalse(waitsLonger(joined), "join() returned before the lost task had failed");
    pool.timer.advance(Scheduler.EXIT_CODE_PATIENCE); // its exit code never came: it fails without

    joined.get(5, TimeUnit.SECONDS);
    assertEquals(1, pool.scheduler.stats().tasksFailed());
  }

  private static boolean waitsLonger(CompletableFuture<Void> joined) throws InterruptedException {
    Thread.sleep(100);
    return joined.isDone();
  }
}
