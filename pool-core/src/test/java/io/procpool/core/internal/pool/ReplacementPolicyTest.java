package io.procpool.core.internal.pool;

import static io.procpool.core.internal.pool.ReplacementPolicy.Demand.DRAINED;
import static io.procpool.core.internal.pool.ReplacementPolicy.Demand.TERMINATED;
import static io.procpool.core.internal.pool.ReplacementPolicy.Demand.WORKERS_WANTED;
import static io.procpool.core.internal.pool.ReplacementPolicy.Verdict.BREAK;
import static io.procpool.core.internal.pool.ReplacementPolicy.Verdict.NONE;
import static io.procpool.core.internal.pool.ReplacementPolicy.Verdict.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplacementPolicyTest {
  private final ReplacementPolicy policy = new ReplacementPolicy();

  private void failToStart(int times) {
    for (int i = 1; i <= times; i++) {
      policy.launchFailed("PoolWorker-" + i, new IOException("no such java"));
    }
  }

  @Test
  void aWorkerOwedASuccessorGetsOneWhileThePoolWantsWorkers() {
    assertEquals(START, policy.decide(true, WORKERS_WANTED, true).verdict());
    assertEquals(NONE, policy.decide(false, WORKERS_WANTED, true).verdict());
  }

  @Test
  void aPoolThatWantsNoWorkersStartsNone() {
    ReplacementPolicy.Decision decision = policy.decide(true, DRAINED, false);

    assertEquals(NONE, decision.verdict());
    assertEquals("the pool was shut down and nothing is queued", decision.reason());
    assertEquals(NONE, policy.decide(true, TERMINATED, false).verdict());
  }

  @Test
  void startFailuresInARowStopTheRestartsAndBreakThePoolOnceNoWorkerIsLeft() {
    failToStart(ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW - 1);
    assertEquals(START, policy.decide(true, WORKERS_WANTED, false).verdict());
    failToStart(1);

    assertEquals(NONE, policy.decide(true, WORKERS_WANTED, true).verdict());
    ReplacementPolicy.Decision broken = policy.decide(false, WORKERS_WANTED, false);
    assertEquals(BREAK, broken.verdict());
    assertEquals("Cannot start worker PoolWorker-1: no such java", broken.failure().getMessage());
  }

  @Test
  void aWorkerThatStartsClearsTheFailures() {
    failToStart(ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW);
    policy.workerStarted();

    assertEquals(START, policy.decide(true, WORKERS_WANTED, false).verdict());
  }

  @Test
  void exitsBeforeHelloAreCountedInCorrectEnglish() {
    policy.exitedBeforeReady("PoolWorker-1", null, List.of());
    policy.exitedBeforeReady("PoolWorker-2", null, List.of());
    policy.exitedBeforeReady("PoolWorker-3", new IOException("bad option"),
        List.of("Unrecognized VM option 'NoSuch'", "Error: Could not create the Java Virtual Machine."));

    String message = policy.decide(true, WORKERS_WANTED, false).failure().getMessage();
    assertEquals("PoolWorker-3 exited before it was ready, the 3rd worker in a row: workers exit before they"
        + " are ready, so the pool runs no tasks; its standard error said: Unrecognized VM option 'NoSuch'"
        + " / Error: Could not create the Java Virtual Machine.; last reason: bad option", message);
  }

  @Test
  void aWorkerThatSaidNothingIsPointedAtInstead() {
    for (int i = 1; i <= ReplacementPolicy.MAX_START_FAILURES_IN_A_ROW; i++) {
      policy.exitedBeforeReady("PoolWorker-" + i, null, List.of());
    }
    assertTrue(policy.decide(true, WORKERS_WANTED, false).failure().getMessage()
        .endsWith("check the worker JVM options and the worker's standard error"));
  }

  @Test
  void ordinalsAreEnglish() {
    List<String> ordinals = List.of(1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112).stream()
        .map(ReplacementPolicy::ordinal).toList();

    assertEquals(List.of("1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st",
        "111th", "112th"), ordinals);
  }
}
