package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A waiting caller's spin ends when its result is there, when it has lasted long enough, or when the caller is interrupted. */
class SpinBeforeParkTest {
  private static final int CPUS = Runtime.getRuntime().availableProcessors();
  private final AtomicInteger looks = new AtomicInteger();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void aResultThatIsThereIsLookedAtOnce() {
    SpinBeforePark.until(() -> looks.incrementAndGet() > 0);

    assertEquals(1, looks.get());
  }

  @Test
  void aResultThatNeverComesIsWaitedForNoLongerThanAsked() {
    long start = System.nanoTime();
    SpinBeforePark.until(() -> looks.incrementAndGet() < 0, 50_000);
    long spun = System.nanoTime() - start;

    assertTrue(looks.get() > 2, "it looked again while it spun: " + looks.get());
    assertTrue(spun >= 50_000, "it spun for all it was given: " + spun + " ns");
  }

  @Test
  @Timeout(10) // without the cap, a caller that would wait for ever spins for ever
  void noSpinOutlastsTheLongestOneHoweverLongTheCallerWouldWait() {
    long start = System.nanoTime();
    SpinBeforePark.until(() -> looks.incrementAndGet() < 0, Long.MAX_VALUE);

    assertTrue(System.nanoTime() - start >= SpinBeforePark.MAX_SPIN_NANOS);
  }

  @Test
  void anInterruptedCallerStopsSpinningAndKeepsItsInterrupt() {
    Thread.currentThread().interrupt();

    SpinBeforePark.until(() -> looks.incrementAndGet() < 0);

    assertTrue(looks.get() <= 2, "it looked " + looks.get() + " times");
    assertTrue(Thread.currentThread().isInterrupted(), "the caller's get() still sees the interrupt");
  }

  @Test
  void aCallerSpinsOnlyWhileTheUnfinishedTasksLeaveACpuForEachWorkerAndCaller() {
    assertEquals(CPUS >= 2, SpinBeforePark.worthIt(1), "the one task of an apply on " + CPUS + " CPUs");
    assertTrue(SpinBeforePark.worthIt(CPUS / 2) || CPUS < 2);
    assertFalse(SpinBeforePark.worthIt(CPUS / 2 + 1));
  }
}
