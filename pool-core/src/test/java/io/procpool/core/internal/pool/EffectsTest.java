package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.WorkerDiedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One failing effect must not drop the ones after it. */
@Timeout(10)
class EffectsTest {
  private final SchedulerFixture pool = new SchedulerFixture();

  @Test
  void aConnectionThatThrowsStopsOnlyItsWorkerAndTheOthersStillGetTheirTasks() {
    WorkerHandle broken = pool.readyWorker();
    WorkerHandle healthy = pool.readyWorker();
    pool.connection(broken).failSendsWith(new IllegalStateException("transport bug"));

    List<PendingTask> tasks = pool.submit(2); // one Effects: a flush to each worker

    assertEquals(List.of("TASK 2"), pool.sentTo(healthy));
    assertTrue(pool.process(broken).killed(), "a worker that cannot be sent to is stopped");
    broken.onClosed(null); // what its transport reports once it is dead
    assertInstanceOf(WorkerDiedException.class,
        assertThrows(ExecutionException.class, tasks.get(0).result::get).getCause());
    pool.answer(healthy, tasks.get(1), 2, 1_000);
    assertEquals(2, tasks.get(1).result.join());
  }

  @Test
  void aSubmitThatReachesThreeWorkersFlushesEachOnceAndPastABrokenOne() {
    WorkerHandle first = pool.readyWorker();
    WorkerHandle broken = pool.readyWorker();
    WorkerHandle third = pool.readyWorker();
    pool.connection(broken).failSendsWith(new IllegalStateException("transport bug"));

    pool.submit(6); // one Effects: two tasks for each worker, each worker named in it twice

    assertEquals(List.of("TASK 1", "TASK 4"), pool.sentTo(first));
    assertEquals(1, pool.connection(first).frames(), "both tasks in one frame");
    assertEquals(List.of("TASK 3", "TASK 6"), pool.sentTo(third), "the worker after the broken one still gets its tasks");
    assertTrue(pool.process(broken).killed());
  }

  @Test
  void anActionThatThrowsDoesNotKeepTheNextFromCompletingItsTask() {
    PendingTask task = pool.task();
    Effects fx = new Effects();
    fx.later(() -> {
      throw new IllegalStateException("a dependent that throws");
    });
    IllegalStateException why = new IllegalStateException("pool broke");
    fx.fail(task, why);

    fx.run(predecessor -> { });

    assertSame(why, assertThrows(ExecutionException.class, task.result::get).getCause());
  }

  @Test
  void anErrorIsRethrownOnlyAfterEveryEffectRan() {
    List<String> ran = new ArrayList<>();
    AssertionError first = new AssertionError("first");
    Effects fx = new Effects();
    fx.later(() -> {
      throw first;
    });
    fx.later(() -> {
      throw new AssertionError("second");
    });
    fx.later(() -> ran.add("third"));
    fx.startReplacement("PoolWorker-1");

    AssertionError thrown = assertThrows(AssertionError.class,
        () -> fx.run(predecessor -> ran.add("replacement for " + predecessor)));

    assertSame(first, thrown);
    assertEquals(List.of("third", "replacement for PoolWorker-1"), ran);
  }
}
