package io.procpool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WorkerDiedExceptionTest {

  @Test
  void aSignalledWorkerIsNamedWithItsSignal() {
    assertEquals("PoolWorker-1 (pid 42) died while running this task, exit code 137 (killed by signal 9, SIGKILL)",
        new WorkerDiedException("PoolWorker-1", 42, 137, null).getMessage());
    assertEquals("PoolWorker-1 (pid 42) died while running this task, exit code 134 (killed by signal 6, SIGABRT)"
        + ": core dumped", new WorkerDiedException("PoolWorker-1", 42, 134, "core dumped").getMessage());
  }

  @Test
  void anUnnamedSignalIsGivenByNumberAndAnExitCodeIsNotTakenForASignal() {
    assertEquals("PoolWorker-2 (pid 7) died while running this task, exit code 159 (killed by signal 31)",
        new WorkerDiedException("PoolWorker-2", 7, 159, null).getMessage());
    assertEquals("PoolWorker-2 (pid 7) died while running this task, exit code 7",
        new WorkerDiedException("PoolWorker-2", 7, 7, null).getMessage());
    assertEquals("PoolWorker-2 (pid 7) died while running this task",
        new WorkerDiedException("PoolWorker-2", 7, null, null).getMessage());
  }
}
