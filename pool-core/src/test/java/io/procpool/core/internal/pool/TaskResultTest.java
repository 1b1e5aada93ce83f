package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A task's future counts it once, done or failed, and before anyone can see it complete. */
class TaskResultTest {
  private final PoolStatistics statistics = new PoolStatistics();

  private long done() {
    return statistics.snapshot(statistics.count(0, List.of())).tasksDone();
  }

  private long failed() {
    return statistics.snapshot(statistics.count(0, List.of())).tasksFailed();
  }

  @Test
  void aTaskIsCountedBeforeItsDependentsRun() {
    TaskResult result = new TaskResult();
    result.countIn(statistics);
    AtomicLong seenByDependent = new AtomicLong(-1);
    result.thenRun(() -> seenByDependent.set(done()));

    assertTrue(result.complete("value"));

    assertEquals(1, seenByDependent.get());
  }

  @Test
  void onlyTheCompletionThatWinsCounts() {
    TaskResult result = new TaskResult();
    result.countIn(statistics);

    assertTrue(result.cancel(false));
    assertFalse(result.complete("too late"));
    assertFalse(result.completeExceptionally(new IllegalStateException("too late")));
    assertTrue(result.cancel(false), "cancelled, as before");

    assertEquals(0, done());
    assertEquals(1, failed());
    assertTrue(result.isCancelled());
  }

  @Test
  void aTaskThatFailedBeforeItWasAcceptedIsCountedAsItIsAccepted() {
    TaskResult result = new TaskResult();
    result.completeExceptionally(new IllegalArgumentException("cannot be serialized"));
    assertEquals(0, failed(), "not counted before the pool accepted it");

    result.countIn(statistics);

    assertEquals(1, failed());
  }

  @Test
  void aTaskNeverAcceptedIsNeverCounted() {
    new TaskResult().complete("value");
    assertEquals(0, done());
  }
}
