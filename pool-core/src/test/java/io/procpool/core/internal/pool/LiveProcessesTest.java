package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveProcessesTest {

  @Test
  void aProcessIsForgottenOnceItHasExitedSoReplacedWorkersDoNotAccumulate() {
    LiveProcesses processes = new LiveProcesses();
    FakeWorkerProcess first = new FakeWorkerProcess("PoolWorker-1");
    FakeWorkerProcess second = new FakeWorkerProcess("PoolWorker-2");
    processes.add(first);
    processes.add(second);
    assertEquals(Set.of(first, second), processes.snapshot());

    first.kill(); // exits with 137
    assertEquals(Set.of(second), processes.snapshot());

    for (int i = 3; i < 1_003; i++) {
      FakeWorkerProcess replacement = new FakeWorkerProcess("PoolWorker-" + i);
      processes.add(replacement);
      replacement.kill();
    }
    assertEquals(1, processes.size(), "only the live worker is kept");
  }

  @Test
  void aProcessWhoseExitStaysUnknownIsKeptForJoinToWaitOn() {
    LiveProcesses processes = new LiveProcesses();
    FakeWorkerProcess silent = new FakeWorkerProcess("PoolWorker-1").exitStaysUnknown();
    processes.add(silent);
    silent.kill();
    assertEquals(Set.of(silent), processes.snapshot());
  }
}
