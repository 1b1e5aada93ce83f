package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import io.procpool.PoolTerminatedException;
import io.procpool.TaskTimeoutException;
import io.procpool.WorkerDiedException;
import io.procpool.WorkerStartException;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.Wire;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scheduler's life-cycle rules, on fake workers and a manual timer. */
@Timeout(10)
class SchedulerTest {
  private final SchedulerFixture pool = new SchedulerFixture();

  private static Throwable failureOf(PendingTask task) {
    assertTrue(task.result.isCompletedExceptionally(), "task " + task.id + " failed");
    return assertThrows(ExecutionException.class, task.result::get).getCause();
  }

  @Test
  void aTaskNoLongerCountsAsUnfinishedOnceItsResultCanBeSeen() {
    WorkerHandle worker = pool.readyWorker();
    PendingTask task = pool.submitOne();
    assertEquals(1, pool.scheduler.unfinishedTasks());
    AtomicInteger seenAtCompletion = new AtomicInteger(-1);
    task.result.thenRun(() -> seenAtCompletion.set(pool.scheduler.unfinishedTasks()));

    pool.answer(worker, task);

    // a caller that saw its result and submits again must not find its old task counted (SpinBeforePark)
    assertEquals(0, seenAtCompletion.get());
  }

  @Test
  void deadWorkersUnstartedTasksKeepTheirPlace() {
    WorkerHandle first = pool.readyWorker();
    pool.answer(first, pool.submitOne(), "done", 1_000_000); // 1 ms tasks: up to four in flight
    List<PendingTask> tasks = pool.submit(5);
    assertEquals(List.of("TASK 1", "TASK 2", "TASK 3", "TASK 4", "TASK 5"), pool.sentTo(first));

    first.onClosed(new IOException("pipe broke"));

    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failureOf(tasks.get(0)));
    assertEquals("PoolWorker-1", died.workerName());
    assertEquals(FakeWorkerProcess.KILLED, died.exitCode());
    assertTrue(died.getMessage().contains("pipe broke"), died.getMessage());
    assertEquals(1, pool.replacementsStarted());
    WorkerHandle second = pool.readyWorker();
    assertEquals(List.of("TASK 3", "TASK 4", "TASK 5", "TASK 6"), pool.sentTo(second));
  }

  @Test
  void anAnswerForAnotherTaskThanTheRunningOneEndsTheWorkerAndFailsTheRunningTask() {
    WorkerHandle first = pool.readyWorker();
    pool.answer(first, pool.submitOne(), "done", 1_000_000); // 1 ms tasks: more than one in flight
    List<PendingTask> tasks = pool.submit(2);
    assertEquals(List.of("TASK 1", "TASK 2", "TASK 3"), pool.sentTo(first));

    Output outOfTurn = new Output(64, -1);
    Wire.writeOutcome(outOfTurn, Wire.RESULT, tasks.get(1).id, 1_000, new byte[] {1});
    first.onFrame(outOfTurn.toBytes());
    assertTrue(pool.process(first).killed(), "a worker out of step with the pool is ended");
    first.onClosed(null); // what its transport reports

    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failureOf(tasks.get(0)));
    assertTrue(died.getMessage().contains("answered task 3 but was running task 2"), died.getMessage());
    WorkerHandle second = pool.readyWorker();
    assertEquals(List.of("TASK 3"), pool.sentTo(second), "the task it had not begun runs elsewhere");
  }

  @Test
  void aLostTaskWaitsForItsWorkersExitCodeOnlyUntilTheTimerGivesUp() {
    WorkerHandle worker = pool.startingWorker(new FakeWorkerProcess("PoolWorker-1").exitStaysUnknown());
    pool.scheduler.onReady(worker);
    PendingTask task = pool.submitOne();

    worker.onClosed(null);
    pool.timer.advance(Scheduler.EXIT_CODE_PATIENCE.minusMillis(1));
    assertFalse(task.result.isDone());
    pool.timer.advance(Duration.ofMillis(1));

    assertNull(assertInstanceOf(WorkerDiedException.class, failureOf(task)).exitCode());
  }

  @Test
  void aCancelledTaskIsNotSentAgainWhenItsWorkerDies() {
    WorkerHandle first = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(2);
    assertTrue(pool.scheduler.cancel(tasks.get(1), false));

    first.onClosed(null);

    WorkerHandle second = pool.readyWorker();
    assertEquals(List.of(), pool.sentTo(second));
  }

  @Test
  void aTaskCancelledAsItsWorkerDiesIsNotSentToAnother() {
    WorkerHandle first = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(2);
    WorkerHandle second = pool.readyWorker();
    // The worker dies while the pool tells it to skip task 2: before the cancel has completed the future.
    pool.connection(first).afterSend(() -> first.onClosed(new IOException("pipe broke")));

    assertTrue(pool.scheduler.cancel(tasks.get(1), false));

    assertTrue(tasks.get(1).result.isCancelled());
    assertEquals(List.of(), pool.sentTo(second), "the cancelled task went to another worker");
  }

  @Test
  void aTaskFailedWhileQueuedIsNeverSent() {
    WorkerHandle worker = pool.startingWorker();
    PendingTask task = pool.submitOne();
    task.result.completeExceptionally(new IllegalStateException("failed elsewhere"));

    pool.scheduler.onReady(worker);

    assertEquals(List.of(), pool.sentTo(worker));
  }

  @Test
  void maxTasksPerChildStartsExactlyOneReplacement() {
    SchedulerFixture pool = new SchedulerFixture(SchedulerFixture.maxTasksPerChild(2));
    WorkerHandle first = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(3);
    assertEquals(List.of("TASK 1", "TASK 2"), pool.sentTo(first));
    assertEquals(1, pool.replacementsStarted(), "started as the worker got its last task");

    pool.answer(first, tasks.get(0));
    pool.answer(first, tasks.get(1));
    assertTrue(pool.connection(first).closed(), "it did its share and leaves");
    first.onClosed(null);

    assertEquals(1, pool.replacementsStarted());
    WorkerHandle second = pool.readyWorker();
    assertEquals(List.of("TASK 3"), pool.sentTo(second));
  }

  @Test
  void aWorkerThatSaysItIsUnfitIsLetGoAndTheTasksItHadNotBegunRunOnItsSuccessor() {
    WorkerHandle first = pool.readyWorker();
    pool.answer(first, pool.submitOne(), "done", 1_000_000); // 1 ms tasks: more than one in flight
    List<PendingTask> tasks = pool.submit(3);
    assertEquals(List.of("TASK 1", "TASK 2", "TASK 3", "TASK 4"), pool.sentTo(first));

    pool.failThenRetire(first, tasks.get(0), new OutOfMemoryError("Java heap space"));

    assertInstanceOf(OutOfMemoryError.class, failureOf(tasks.get(0)));
    assertTrue(pool.connection(first).closed(), "the pool lets it go");
    assertEquals(1, pool.replacementsStarted());
    first.onClosed(null);
    assertEquals(1, pool.replacementsStarted(), "not replaced again when it leaves");
    assertFalse(tasks.get(1).result.isDone(), "a task it had not begun does not fail with it");
    WorkerHandle second = pool.readyWorker();
    assertEquals(List.of("TASK 3", "TASK 4"), pool.sentTo(second));
  }

  @Test
  void aWorkerThatDidItsShareAndCrashesIsNotReplacedTwice() {
    SchedulerFixture pool = new SchedulerFixture(SchedulerFixture.maxTasksPerChild(2));
    WorkerHandle worker = pool.readyWorker();
    pool.submit(2);

    worker.onClosed(new IOException("crashed"));

    assertEquals(1, pool.replacementsStarted());
  }

  @Test
  void workersThatKeepExitingBeforeTheyAreReadyBreakThePool() {
    PendingTask queued = pool.submitOne();
    for (int i = 0; i < ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW; i++) {
      pool.startingWorker().onClosed(new IOException("Unrecognized VM option"));
    }

    assertEquals(ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW - 1, pool.replacementsStarted());
    WorkerStartException broken = assertInstanceOf(WorkerStartException.class, failureOf(queued));
    assertTrue(broken.getMessage().startsWith("PoolWorker-3 exited before it was ready, the 3rd worker in a row"),
        broken.getMessage());
    assertTrue(broken.getMessage().endsWith("last reason: Unrecognized VM option"), broken.getMessage());
    assertSame(broken, failureOf(pool.submitOne()), "later tasks fail at once, with the same reason");
  }

  @Test
  void workersOfAnotherBuildAreKilledAndThePoolSaysWhyNotWhatTheTransportSaw() {
    PendingTask queued = pool.submitOne();
    for (int i = 0; i < ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW; i++) {
      WorkerHandle worker = pool.startingWorker();
      Output hello = new Output(64, -1);
      Wire.writeHello(hello, Wire.VERSION + 1, 4242, worker.name, false);
      worker.onFrame(hello.toBytes());
      assertTrue(pool.process(worker).killed(), "a worker of another protocol is killed");
      worker.onClosed(new IOException("end of stream")); // what the transport sees of the kill
    }

    WorkerStartException broken = assertInstanceOf(WorkerStartException.class, failureOf(queued));
    assertTrue(broken.getMessage().endsWith("last reason: worker PoolWorker-3 speaks procpool wire protocol "
        + (Wire.VERSION + 1) + ", this pool speaks " + Wire.VERSION + ": the worker runs another build of procpool"),
        broken.getMessage());
  }

  @Test
  void aPoolDoesNotBreakWhileAReplacementItDecidedOnIsStillOnItsWay() {
    WorkerHandle first = pool.startingWorker();
    WorkerHandle second = pool.startingWorker();
    PendingTask queued = pool.submitOne();
    first.onClosed(new IOException("Unrecognized VM option"));
    second.onClosed(new IOException("Unrecognized VM option"));
    assertEquals(2, pool.replacementsStarted());

    pool.startingWorker().onClosed(new IOException("Unrecognized VM option")); // the 3rd in a row
    assertFalse(queued.result.isDone(), "broke while the 2nd replacement was still being launched");

    pool.startingWorker().onClosed(new IOException("Unrecognized VM option"));
    WorkerStartException broken = assertInstanceOf(WorkerStartException.class, failureOf(queued));
    assertTrue(broken.getMessage().startsWith("PoolWorker-4 exited before it was ready, the 4th worker in a row"),
        broken.getMessage());
    assertEquals(2, pool.replacementsStarted(), "no restarts after the 3rd failure in a row");
  }

  @Test
  void workersThatCannotBeLaunchedBreakThePool() {
    PendingTask queued = pool.submitOne();
    for (int i = 1; i <= ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW; i++) {
      pool.scheduler.onLaunchFailed("PoolWorker-" + i, new IOException("no such java"));
    }

    assertEquals(ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW - 1, pool.replacementsStarted());
    assertEquals("Cannot start worker PoolWorker-3: no such java", failureOf(queued).getMessage());
  }

  @Test
  void aWorkerThatStartsResetsTheCountOfStartFailures() {
    pool.startingWorker().onClosed(null);
    pool.startingWorker().onClosed(null);
    pool.readyWorker();
    pool.startingWorker().onClosed(null);
    pool.startingWorker().onClosed(null);

    assertEquals(4, pool.replacementsStarted());
  }

  @Test
  void startFailuresDoNotBreakAPoolThatStillHasWorkers() {
    WorkerHandle survivor = pool.readyWorker();
    for (int i = 0; i < ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW; i++) {
      pool.startingWorker().onClosed(null);
    }
    PendingTask task = pool.submitOne();

    pool.answer(survivor, task, 42, 1_000);
    assertEquals(42, task.result.join());
    assertEquals(ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW - 1, pool.replacementsStarted());
  }

  @Test
  void cancelledQueuedTaskIsNeverSent() {
    WorkerHandle worker = pool.startingWorker();
    PendingTask task = pool.submitOne();

    assertTrue(pool.scheduler.cancel(task, false));
    pool.scheduler.onReady(worker);

    assertTrue(task.result.isCancelled());
    assertEquals(List.of(), pool.sentTo(worker));
  }

  @Test
  void cancelledSentTaskIsSkippedByItsWorker() {
    WorkerHandle worker = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(2);

    assertTrue(pool.scheduler.cancel(tasks.get(1), false));

    assertEquals(List.of("TASK 1", "TASK 2", "CANCEL 2"), pool.sentTo(worker));
    pool.answer(worker, tasks.get(0));
    pool.skipped(worker, tasks.get(1));
    assertTrue(tasks.get(1).result.isCancelled());
    assertFalse(pool.process(worker).killed());
  }

  @Test
  void aTaskItsWorkerBeganBeforeThePoolReadTheAnswerAheadOfItIsNotReportedCancelled() throws Exception {
    WorkerHandle worker = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(2);
    // The worker answered task 1 and began task 2; that answer is still on its way to the pool.
    pool.connection(worker).onCancel(id -> pool.cancelled(worker, id, false));

    assertFalse(pool.scheduler.cancel(tasks.get(1), false), "it runs: cancel must not say it never will");

    pool.answer(worker, tasks.get(0));
    pool.answer(worker, tasks.get(1), "ran", 1_000);
    assertEquals("ran", tasks.get(1).result.get());
    assertFalse(pool.process(worker).killed());
  }

  @Test
  void cancelWithInterruptStopsATaskItsWorkerBeganOnceThePoolSeesItRunning() throws Exception {
    WorkerHandle worker = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(2);
    pool.connection(worker).onCancel(id -> pool.cancelled(worker, id, false));
    CompletableFuture<Boolean> cancelled = CompletableFuture.supplyAsync(
        () -> pool.scheduler.cancel(tasks.get(1), true));
    while (!pool.sentTo(worker).contains("CANCEL 2")) {
      Thread.onSpinWait();
    }

    Output answer = new Output(64, -1); // not pool.answer: that checks the worker lives, which races the stop
    Wire.writeOutcome(answer, Wire.RESULT, tasks.get(0).id, 1_000, KryoCodec.get().encode("done", "value"));
    worker.onFrame(answer.toBytes()); // now the pool sees task 2 running

    assertTrue(cancelled.get(5, TimeUnit.SECONDS));
    assertTrue(pool.process(worker).killed(), "stopped by killing its worker");
    assertEquals(1, pool.sentTo(worker).stream().filter(m -> m.startsWith("CANCEL")).count(), "asked once");
  }

  @Test
  void runningTaskIsNotCancelledWithoutLeaveToInterrupt() {
    WorkerHandle worker = pool.readyWorker();
    PendingTask task = pool.submitOne();

    assertFalse(pool.scheduler.cancel(task, false));

    assertFalse(task.result.isDone());
    assertFalse(pool.process(worker).killed());
  }

  @Test
  void runningTaskCancelledWithInterruptStopsAndReplacesItsWorker() {
    WorkerHandle worker = pool.readyWorker();
    PendingTask task = pool.submitOne();

    assertTrue(pool.scheduler.cancel(task, true));
    assertTrue(pool.process(worker).killed());
    assertEquals(WorkerHandle.State.STOPPING, worker.state());
    worker.onClosed(null);

    assertTrue(task.result.isCancelled());
    assertEquals(1, pool.replacementsStarted());
  }

  @Test
  void stoppingWorkerIsGivenNoNewTasks() {
    WorkerHandle worker = pool.readyWorker();
    PendingTask running = pool.submitOne();
    pool.scheduler.cancel(running, true);

    pool.submitOne();

    assertEquals(List.of("TASK 1"), pool.sentTo(worker));
  }

  @Test
  void taskTimeoutFiresOnlyThroughTheTimer() {
    SchedulerFixture pool = new SchedulerFixture(SchedulerFixture.taskTimeout(Duration.ofSeconds(5)));
    WorkerHandle worker = pool.readyWorker();
    PendingTask task = pool.submitOne();

    pool.timer.advance(Duration.ofSeconds(4));
    assertFalse(pool.process(worker).killed());
    pool.timer.advance(Duration.ofSeconds(1));
    assertTrue(pool.process(worker).killed());
    worker.onClosed(null);

    TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, failureOf(task));
    assertEquals(Duration.ofSeconds(5), timeout.timeout());
    assertEquals(1, pool.replacementsStarted());
  }

  @Test
  void aTasksOwnTimeoutTakesThePlaceOfThePoolsLongerOrShorter() {
    SchedulerFixture pool = new SchedulerFixture(SchedulerFixture.taskTimeout(Duration.ofSeconds(5)));
    WorkerHandle worker = pool.readyWorker();
    PendingTask patient = pool.task();
    PendingTask hasty = pool.task();
    pool.scheduler.submit(List.of(patient), Duration.ofSeconds(30));
    pool.scheduler.submit(List.of(hasty), Duration.ofSeconds(1));

    pool.timer.advance(Duration.ofSeconds(10));
    assertFalse(pool.process(worker).killed(), "the pool's 5 s did not apply to a task given 30 s");
    pool.answer(worker, patient);
    pool.timer.advance(Duration.ofSeconds(1));
    assertTrue(pool.process(worker).killed(), "a task given 1 s was stopped after 1 s");
    worker.onClosed(null);

    TaskTimeoutException timeout = assertInstanceOf(TaskTimeoutException.class, failureOf(hasty));
    assertEquals(Duration.ofSeconds(1), timeout.timeout());
  }

  @Test
  void aTasksOwnTimeoutAppliesInAPoolWithoutOne() {
    WorkerHandle worker = pool.readyWorker();
    PendingTask task = pool.task();
    pool.scheduler.submit(List.of(task), Duration.ofSeconds(2));
    PendingTask untimed = pool.task();
    pool.scheduler.submit(List.of(untimed));

    pool.timer.advance(Duration.ofSeconds(2));
    assertTrue(pool.process(worker).killed());
    worker.onClosed(null);
    assertInstanceOf(TaskTimeoutException.class, failureOf(task));
    WorkerHandle second = pool.readyWorker();
    pool.timer.advance(Duration.ofDays(1));
    assertFalse(pool.process(second).killed(), "a task without a timeout runs as long as it takes");
  }

  @Test
  void tasksThatFinishInTimeLeaveNoTimerBehind() {
    SchedulerFixture pool = new SchedulerFixture(SchedulerFixture.taskTimeout(Duration.ofSeconds(5)));
    WorkerHandle worker = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(2);
    assertEquals(1, pool.timer.pending(), "only the running task is timed");

    pool.answer(worker, tasks.get(0));
    assertEquals(1, pool.timer.pending(), "the next task's timer replaced the first's");
    pool.answer(worker, tasks.get(1));
    assertEquals(0, pool.timer.pending());

    pool.timer.advance(Duration.ofMinutes(1));
    assertFalse(pool.process(worker).killed());
  }

  @Test
  void aHundredThousandTimedTasksLeaveAtMostOneLiveTimerPerWorker() {
    SchedulerFixture pool = new SchedulerFixture(SchedulerFixture.taskTimeout(Duration.ofMinutes(5)));
    List<WorkerHandle> workers = List.of(pool.readyWorker(), pool.readyWorker());
    int tasks = 100_000;
    pool.submit(tasks);
    int answered = 0;
    int mostLive = 0;
    while (answered < tasks) {
      for (WorkerHandle worker : workers) {
        PendingTask head = worker.inFlight.peekFirst();
        if (head != null) {
          pool.answer(worker, head);
          answered++;
          mostLive = Math.max(mostLive, pool.timer.pending());
        }
      }
    }
    assertEquals(workers.size(), mostLive, "live timers, at most, while 100k tasks ran");
    assertEquals(0, pool.timer.pending(), "live timers once all had answered");
  }

  @Test
  void aWorkerLetGoBeforeItsTransportConnectedItIsClosedOnceAsItsConnectionArrives() {
    WorkerHandle worker = new WorkerHandle(new FakeWorkerProcess("PoolWorker-1"), pool.scheduler);
    pool.scheduler.launching();
    assertTrue(pool.scheduler.register(worker));
    pool.scheduler.shutdown(); // retires it, idle and starting, before WorkerGroup attached its connection

    FakeConnection connection = new FakeConnection();
    worker.attach(connection);
    worker.close(); // as the exit timer does later

    assertEquals(1, connection.closes());
  }

  @Test
  void joinWaitsForAReplacementStillBeingLaunchedForTheBacklog() throws Exception {
    WorkerHandle first = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(6);
    pool.scheduler.shutdown();
    first.onClosed(new IOException("crashed right after shutdown"));
    assertEquals(1, pool.replacementsStarted());

    Thread joiner = new Thread(() -> {
      try {
        pool.scheduler.awaitNoWorkers();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    joiner.start();
    joiner.join(300);
    assertTrue(joiner.isAlive(), "join() returned while a replacement for the backlog was on its way");

    WorkerHandle second = pool.readyWorker();
    for (PendingTask task : tasks.subList(1, tasks.size())) {
      pool.answer(second, task);
    }
    assertTrue(pool.connection(second).closed(), "retired once the backlog is done");
    second.onClosed(null);
    joiner.join(5_000);
    assertFalse(joiner.isAlive(), "join() returns once the last worker has left");
    assertEquals("done", tasks.get(5).result.get());
  }

  @Test
  void shutdownRetiresIdleWorkersAndBusyOnesWhenTheyAreDone() {
    WorkerHandle busy = pool.readyWorker();
    WorkerHandle idle = pool.readyWorker();
    PendingTask task = pool.submitOne();

    pool.scheduler.shutdown();
    assertTrue(pool.connection(idle).closed());
    assertFalse(pool.connection(busy).closed());
    pool.answer(busy, task);
    assertTrue(pool.connection(busy).closed());

    busy.onClosed(null);
    idle.onClosed(null);
    assertEquals(0, pool.replacementsStarted());
    IllegalStateException refused = assertThrows(IllegalStateException.class, pool::submitOne);
    assertTrue(refused.getMessage().contains("shut down"), refused.getMessage());
  }

  @Test
  void terminateFailsEveryUnfinishedTaskAndKillsTheWorkers() {
    WorkerHandle worker = pool.readyWorker();
    WorkerHandle starting = pool.startingWorker();
    List<PendingTask> tasks = pool.submit(3);

    pool.scheduler.terminate();

    for (PendingTask task : tasks) {
      assertInstanceOf(PoolTerminatedException.class, failureOf(task));
    }
    assertTrue(pool.process(worker).killed());
    assertTrue(pool.connection(worker).closed());
    pool.scheduler.onReady(starting); // a hello that was on its way
    assertEquals(List.of(), pool.sentTo(starting));
    assertThrows(IllegalStateException.class, pool::submitOne);
  }

  @Test
  void joinOfARunningPoolIsRefused() {
    assertThrows(IllegalStateException.class, pool.scheduler::awaitNoWorkers);
  }
}
