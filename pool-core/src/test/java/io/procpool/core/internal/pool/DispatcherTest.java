package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which worker gets which task, and when: the Dispatcher, driven through its Scheduler. */
@Timeout(10)
class DispatcherTest {
  private final SchedulerFixture pool = new SchedulerFixture();

  @Test
  void eachTaskGoesToTheLeastLoadedWorker() {
    WorkerHandle first = pool.readyWorker();
    WorkerHandle second = pool.readyWorker();

    pool.submitOne();
    pool.submitOne();
    pool.submitOne();

    assertEquals(List.of("TASK 1", "TASK 3"), pool.sentTo(first));
    assertEquals(List.of("TASK 2"), pool.sentTo(second));
  }

  @Test
  void aWorkerHoldsNoMoreThanTheInFlightLimitAndIsRefilledAsItAnswers() {
    WorkerHandle worker = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(5);
    assertEquals(List.of("TASK 1", "TASK 2"), pool.sentTo(worker), "two, before any task was timed");

    pool.answer(worker, tasks.get(0), "done", 1_000_000); // 1 ms tasks: up to four in flight

    assertEquals(List.of("TASK 1", "TASK 2", "TASK 3", "TASK 4", "TASK 5"), pool.sentTo(worker));
  }

  @Test
  void aRefillGoesOutAsOneFrame() {
    WorkerHandle worker = pool.readyWorker();
    List<PendingTask> tasks = pool.submit(5);
    int framesBefore = pool.connection(worker).frames();

    pool.answer(worker, tasks.get(0), "done", 1_000_000);

    assertEquals(framesBefore + 1, pool.connection(worker).frames());
  }

  @Test
  void aBurstOfLongTasksWaitsForWorkersStillStarting() {
    WorkerHandle ready = pool.readyWorker();
    WorkerHandle starting = pool.startingWorker();

    pool.submit(2);
    assertEquals(List.of("TASK 1"), pool.sentTo(ready), "the second waits for the starting worker");
    pool.scheduler.onReady(starting);

    assertEquals(List.of("TASK 2"), pool.sentTo(starting));
  }

  @Test
  void aLoneTaskGoesAsTaskHereAndItsWorkerGetsNothingElseUntilItAnswers() {
    WorkerHandle worker = pool.readyWorkerRunningTasksHere();
    PendingTask lone = pool.submitOne();
    pool.submitOne();
    assertEquals(List.of("TASK_HERE 1"), pool.sentTo(worker));

    pool.answer(worker, lone);

    assertEquals(List.of("TASK_HERE 1", "TASK_HERE 2"), pool.sentTo(worker));
  }

  @Test
  void aTaskGoesAsPlainTaskWhileWorkIsInFlightElsewhere() {
    WorkerHandle first = pool.readyWorkerRunningTasksHere();
    WorkerHandle second = pool.readyWorkerRunningTasksHere();

    pool.submitOne();
    pool.submitOne();

    assertEquals(List.of("TASK_HERE 1"), pool.sentTo(first));
    assertEquals(List.of("TASK 2"), pool.sentTo(second));
  }

  @Test
  void tasksNeverGoAsTaskHereToAWorkerThatDidNotOfferIt() {
    WorkerHandle worker = pool.readyWorker();

    pool.submitOne();

    assertEquals(List.of("TASK 1"), pool.sentTo(worker));
  }

  @Test
  void withAnInitializerTasksNeverGoAsTaskHereAndTheInitializerGoesFirst() {
    SchedulerFixture pool = new SchedulerFixture(new Scheduler.Rules(0, null, new byte[] {9}));
    WorkerHandle worker = pool.readyWorkerRunningTasksHere();

    pool.submitOne();

    assertEquals(List.of("INIT", "TASK 1"), pool.sentTo(worker));
  }
}
