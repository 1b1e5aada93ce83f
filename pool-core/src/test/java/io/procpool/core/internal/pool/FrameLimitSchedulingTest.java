package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import io.procpool.TaskSerializationException;
import io.procpool.WorkerStartException;
import io.procpool.core.internal.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pool sends no frame over its worker's limit: a task too large fails alone, unsent. */
@Timeout(10)
class FrameLimitSchedulingTest {
  private static final int LIMIT = 4096;
  private final SchedulerFixture pool = new SchedulerFixture();

  private static Throwable failureOf(PendingTask task) {
    assertTrue(task.result.isCompletedExceptionally(), "task " + task.id + " failed");
    return assertThrows(ExecutionException.class, task.result::get).getCause();
  }

  @Test
  void aTaskOverTheFrameLimitFailsAsItIsSubmittedNamingSizeAndLimitAndIsNeverSent() {
    WorkerHandle worker = pool.readyWorkerWithFrameLimit(LIMIT);
    PendingTask tooBig = pool.taskOf(LIMIT);

    pool.scheduler.submit(List.of(tooBig));

    TaskSerializationException refused = assertInstanceOf(TaskSerializationException.class, failureOf(tooBig));
    assertEquals("the task (its function and arguments) is 4,100 bytes on the wire, over the transport's frame"
        + " limit of 4,096 bytes: it was not sent; pass such data another way (a file, say), or raise the"
        + " transport's limit", refused.getMessage());
    assertEquals(List.of(), pool.sentTo(worker));
    PendingTask fits = pool.taskOf(LIMIT - 4); // 1 kind, 1 id, 2 length: exactly the limit
    pool.scheduler.submit(List.of(fits));
    assertEquals(List.of("TASK 2"), pool.sentTo(worker));
  }

  @Test
  void aMapChunkOverTheLimitIsToldToUseASmallerChunksize() {
    pool.readyWorkerWithFrameLimit(LIMIT);
    PendingTask chunk = new PendingTask(1, new byte[2 * LIMIT], 8);

    pool.scheduler.submit(List.of(chunk));

    assertTrue(failureOf(chunk).getMessage().startsWith("a map chunk of 8 items is 8,196 bytes on the wire"));
    assertTrue(failureOf(chunk).getMessage().endsWith("a smaller chunksize may fit"));
  }

  @Test
  void tasksThatFitOneByOneButNotTogetherGoInFramesWithinTheLimitAndAnOversizedOneAmongThemFailsAlone() {
    WorkerHandle worker = pool.readyWorkerWithFrameLimit(LIMIT);
    pool.answer(worker, pool.submitOne(), "done", 1_000); // short tasks: up to 64 in flight, sent in batches
    List<PendingTask> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tasks.add(pool.taskOf(i == 7 ? 2 * LIMIT : LIMIT / 3));
    }

    pool.scheduler.submit(tasks);

    assertInstanceOf(TaskSerializationException.class, failureOf(tasks.get(7)));
    for (int i = 0; i < tasks.size(); i++) {
      assertEquals(i == 7, tasks.get(i).result.isDone(), "only the oversized one is decided, task " + i);
    }
    assertEquals(20, pool.sentTo(worker).size(), "the first task and the 19 that fit");
    assertTrue(pool.connection(worker).largestFrame() <= LIMIT, "largest frame " + pool.connection(worker).largestFrame());
    assertTrue(pool.connection(worker).frames() >= 7, "19 tasks of a third of the limit need 7 frames at least");
  }

  @Test
  void aTaskQueuedBeforeAnyConnectionWasAttachedIsCheckedAgainstTheWorkerItIsHandedTo() {
    PendingTask tooBig = pool.taskOf(LIMIT);
    PendingTask fits = pool.task();
    pool.scheduler.submit(List.of(tooBig, fits)); // no worker yet: no limit known, both wait

    assertFalse(tooBig.result.isDone());
    WorkerHandle worker = pool.readyWorkerWithFrameLimit(LIMIT);

    assertTrue(failureOf(tooBig).getMessage().contains("over the transport's frame limit of 4,096 bytes"));
    assertEquals(List.of("TASK 2"), pool.sentTo(worker));
  }

  @Test
  void anInitializerOverTheFrameLimitBreaksThePoolAndItsWorkerIsLetGoUnsent() {
    SchedulerFixture pool = new SchedulerFixture(new Scheduler.Rules(0, null, new byte[2 * LIMIT]));
    WorkerHandle worker = pool.readyWorkerWithFrameLimit(LIMIT);

    assertEquals(List.of(), pool.sentTo(worker));
    assertTrue(pool.connection(worker).closed());
    assertEquals(WorkerHandle.State.RETIRING, worker.state());
    PendingTask task = pool.submitOne();
    WorkerStartException broken = assertInstanceOf(WorkerStartException.class, failureOf(task));
    assertEquals("The pool's initializer is 8,195 bytes on the wire, over the transport's frame limit of 4,096"
        + " bytes, so no worker can run it, and the pool runs no tasks", broken.getMessage());
  }

  @Test
  void aWorkerWhoseHelloCameBeforeItsConnectionWasAttachedIsGivenTasksOnlyOnceAttached() {
    pool.scheduler.launching();
    WorkerHandle worker = new WorkerHandle(new FakeWorkerProcess("PoolWorker-1"), pool.scheduler);
    assertTrue(pool.scheduler.register(worker));
    Output hello = new Output(64, -1);
    Wire.writeHello(hello, 1, "PoolWorker-1", false);
    worker.onFrame(hello.toBytes());
    PendingTask tooBig = pool.taskOf(LIMIT);
    pool.scheduler.submit(List.of(tooBig));
    assertEquals(WorkerHandle.State.STARTING, worker.state(), "not ready before its limit is known");
    assertFalse(tooBig.result.isDone());

    FakeConnection connection = new FakeConnection(LIMIT);
    worker.attach(connection);

    assertEquals(WorkerHandle.State.READY, worker.state());
    assertInstanceOf(TaskSerializationException.class, failureOf(tooBig));
    assertEquals(List.of(), connection.messages());
  }
}
