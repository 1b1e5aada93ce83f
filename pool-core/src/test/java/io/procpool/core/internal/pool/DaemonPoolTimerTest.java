package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DaemonPoolTimerTest {
  private final DaemonPoolTimer timer = new DaemonPoolTimer();
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @Test
  void actionsRunInTheOrderTheyAreDueOnADaemonThreadOfItsOwn() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    timer.schedule(() -> record("later", both), Duration.ofMillis(200));
    timer.schedule(() -> record("sooner", both), Duration.ofMillis(10));
    assertTrue(both.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("sooner on procpool-timer, daemon", "later on procpool-timer, daemon"), ran);
    timer.shutdown();
  }

  @Test
  void aCancelledActionNeverRuns() throws Exception {
    PoolTimer.Scheduled cancelled = timer.schedule(() -> ran.add("cancelled"), Duration.ofMillis(50));
    cancelled.cancel();
    cancelled.cancel(); // idempotent
    CountDownLatch after = new CountDownLatch(1);
    timer.schedule(() -> record("after", after), Duration.ofMillis(150));
    assertTrue(after.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("after on procpool-timer, daemon"), ran);
    timer.shutdown();
  }

  @Test
  void cancelledActionsLeaveItsQueueAtOnce() {
    for (int i = 0; i < 100_000; i++) {
      timer.schedule(() -> ran.add("cancelled"), Duration.ofMinutes(5)).cancel();
    }
    assertEquals(0, timer.queued());
    timer.shutdown();
  }

  @Test
  void afterShutdownNothingScheduledRunsAndSchedulingIsHarmless() throws Exception {
    timer.schedule(() -> ran.add("dropped"), Duration.ofMillis(50));
    timer.shutdown();
    timer.schedule(() -> ran.add("too late"), Duration.ZERO).cancel();
    Thread.sleep(300); // the dropped action's time has come and gone
    assertFalse(ran.contains("dropped"), ran.toString());
    assertFalse(ran.contains("too late"), ran.toString());
  }

  private void record(String what, CountDownLatch done) {
    Thread thread = Thread.currentThread();
    ran.add(what + " on " + thread.getName() + (thread.isDaemon() ? ", daemon" : ""));
    done.countDown();
  }
}
