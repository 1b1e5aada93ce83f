package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AcceptedWorkTest {
  private final Callbacks callbacks = new Callbacks(null);
  private final AcceptedWork work = new AcceptedWork(callbacks);
  private final PendingTask task = new PendingTask(1, new byte[0], 1);

  @AfterEach
  void leaveNoThread() throws InterruptedException {
    task.result.complete("done");
    work.release();
    for (Thread keeper : keepers()) {
      keeper.join();
    }
  }

  @Test
  void aNonDaemonThreadLivesWhileWorkIsUnfinishedAndEndsAfterItsCallbacks() throws Exception {
    work.accept(List.of(task), new Object());
    List<Thread> keepers = keepers();
    assertEquals(1, keepers.size());
    assertFalse(keepers.get(0).isDaemon(), "a daemon thread would not keep the JVM alive");

    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch callbackBegun = new CountDownLatch(1);
    CountDownLatch releaseCallback = new CountDownLatch(1);
    task.result.thenAccept(value -> callbacks.run(() -> {
      callbackBegun.countDown();
      await(releaseCallback);
      order.add("callback");
    }));
    task.result.complete("done");
    callbackBegun.await();
    keepers.get(0).join(AcceptedWork.LINGER.toMillis() * 5);
    assertTrue(keepers.get(0).isAlive(), "the thread ended while a callback of the work was running");
    releaseCallback.countDown();
    keepers.get(0).join();
    assertEquals(List.of("callback"), order);
  }

  @Test
  void releaseEndsTheThreadAtOnceAndNoneStartsAfter() throws Exception {
    work.accept(List.of(task), new Object());
    Thread keeper = keepers().get(0);
    task.result.complete("done");
    work.release();
    keeper.join();
    work.accept(List.of(new PendingTask(2, new byte[0], 1)), new Object());
    assertEquals(List.of(), keepers());
  }

  private static List<Thread> keepers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("procpool-accepted-work") && thread.isAlive())
        .collect(Collectors.toList());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
