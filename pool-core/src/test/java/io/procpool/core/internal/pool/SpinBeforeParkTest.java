package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A waiting caller's spin ends when its result is there, when it has lasted long enough, or at an
 * interrupt; and it is given only while few tasks are unfinished and spins mostly pay.
 */
class SpinBeforeParkTest {
  private static final int CPUS = Runtime.getRuntime().availableProcessors();
  private final AtomicInteger unfinished = new AtomicInteger(1);
  private final SpinBeforePark spin = new SpinBeforePark(unfinished::get);

  /**
   * A result that counts how often a waiting caller looked at it (one look: no spin; more: a spin,
   * however few turns the machine's load allowed it), and may complete at a given look.
   */
  private static class WatchedResult extends CompletableFuture<Object> {
    final AtomicInteger looks = new AtomicInteger();
    private final int doneAtLook;

    WatchedResult() {
      this(Integer.MAX_VALUE);
    }

    WatchedResult(int doneAtLook) {
      this.doneAtLook = doneAtLook;
    }

    @Override
    public boolean isDone() {
      if (looks.incrementAndGet() == doneAtLook) {
        complete("value");
      }
      return super.isDone();
    }

    /** Looks taken by one wait of {@code spin}, counted from zero. */
    int looksOneWaitTakes(SpinBeforePark spin) {
      looks.set(0);
      spin.before(this, Long.MAX_VALUE);
      return looks.get();
    }
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void aResultThatIsThereIsLookedAtOnce() {
    WatchedResult done = new WatchedResult();
    done.complete("value");

    assertEquals(1, done.looksOneWaitTakes(spin));
  }

  @Test
  void aShortTimedWaitParksAtOnce() {
    WatchedResult never = new WatchedResult();
    never.looks.set(0);
    spin.before(never, SpinBeforePark.SHORTEST_TIMED_SPIN_WAIT_NANOS - 1);

    assertEquals(0, never.looks.get(), "no spin: its yield could outlast a short timeout");
  }

  @Test
  @Timeout(10) // without the cap, a caller that would wait for ever spins for ever
  void noSpinOutlastsTheLongestOneHoweverLongTheCallerWouldWait() {
    long start = System.nanoTime();
    spin.before(new WatchedResult(), Long.MAX_VALUE);

    assertTrue(System.nanoTime() - start >= SpinBeforePark.MAX_SPIN_NANOS || CPUS < 2);
  }

  @Test
  void aResultThatComesDuringTheSpinEndsIt() {
    assumeTrue(CPUS >= 2, "no spin on one CPU");
    // its third look is the spin's second: after the first turn or at the deadline, however late
    WatchedResult soon = new WatchedResult(3);

    assertEquals(3, soon.looksOneWaitTakes(spin));
    assertTrue(soon.isDone());
  }

  @Test
  void aSpinWhoseTurnsGaveTheCpuAwayCostsCreditThoughItsResultCame() {
    assumeTrue(CPUS >= 2, "no spin on one CPU");
    for (int i = 0; i < SpinBeforePark.MAX_CREDIT; i++) {
      SlowTurns soon = new SlowTurns(4);
      assertTrue(soon.looksOneWaitTakes(spin) > 1, "spin " + i + " spun");
    }

    assertEquals(1, new WatchedResult().looksOneWaitTakes(spin), "no credit is left");
  }

  /** A result each of whose looks takes longer than a turn on a free CPU, as when a yield let others run. */
  private static final class SlowTurns extends WatchedResult {
    SlowTurns(int doneAtLook) {
      super(doneAtLook);
    }

    @Override
    public boolean isDone() {
      long until = System.nanoTime() + 2 * SpinBeforePark.BUSY_TURN_NANOS;
      while (System.nanoTime() - until < 0) {
        Thread.onSpinWait();
      }
      return super.isDone();
    }
  }

  @Test
  void anInterruptedCallerStopsSpinningKeepsItsInterruptAndCostsThePoolNoCredit() {
    assumeTrue(CPUS >= 2, "no spin on one CPU");
    Thread.currentThread().interrupt();
    WatchedResult never = new WatchedResult();
    for (int i = 0; i < SpinBeforePark.MAX_CREDIT + 1; i++) {
      assertTrue(never.looksOneWaitTakes(spin) <= 3, "it looked " + never.looks.get() + " times");
    }
    assertTrue(Thread.currentThread().isInterrupted(), "the caller's get() still sees the interrupt");

    Thread.interrupted();
    assertTrue(never.looksOneWaitTakes(spin) > 1, "an interrupt is not a spin that ran out");
  }

  @Test
  void spinsThatRunOutStopThePoolSpinningUntilAProbeEveryFewHundredWaits() {
    assumeTrue(CPUS >= 2, "no spin on one CPU");
    WatchedResult never = new WatchedResult();
    for (int i = 0; i < SpinBeforePark.MAX_CREDIT; i++) {
      assertTrue(never.looksOneWaitTakes(spin) > 1, "spin " + i + " still spun");
    }
    for (int i = 1; i < SpinBeforePark.PROBE_EVERY; i++) {
      assertEquals(1, never.looksOneWaitTakes(spin), "wait " + i + " without credit parks at once");
    }
    assertTrue(never.looksOneWaitTakes(spin) > 1, "the probe spins");
    assertEquals(1, never.looksOneWaitTakes(spin), "a probe that ran out leaves no credit");
  }

  @Test
  void aSpinThatEndsWithItsResultEarnsCreditBack() {
    assumeTrue(CPUS >= 2, "no spin on one CPU");
    WatchedResult never = new WatchedResult();
    for (int i = 0; i < SpinBeforePark.MAX_CREDIT; i++) {
      never.looksOneWaitTakes(spin);
    }
    for (int i = 1; i < SpinBeforePark.PROBE_EVERY; i++) {
      never.looksOneWaitTakes(spin);
    }
    WatchedResult soon = new WatchedResult(2); // the probe's spin sees it done
    assertEquals(2, soon.looksOneWaitTakes(spin));

    assertTrue(never.looksOneWaitTakes(spin) > 1, "the probe's own credit, spent on a spin that runs out");
    assertTrue(never.looksOneWaitTakes(spin) > 1, "the credit the probe earned, spent on another");
    assertEquals(1, never.looksOneWaitTakes(spin), "and none is left");
  }

  @Test
  void aCallerSpinsOnlyWhileTheUnfinishedTasksLeaveACpuForEachWorkerAndCaller() {
    WatchedResult never = new WatchedResult();
    unfinished.set(CPUS / 2 + 1);
    assertEquals(1, never.looksOneWaitTakes(spin), CPUS / 2 + 1 + " unfinished tasks on " + CPUS + " CPUs");

    unfinished.set(1);
    assertEquals(CPUS >= 2, never.looksOneWaitTakes(spin) > 1, "the one task of an apply on " + CPUS + " CPUs");
  }
}
