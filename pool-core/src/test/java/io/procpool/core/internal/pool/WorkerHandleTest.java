package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import io.procpool.core.internal.wire.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** A worker's life: the moves its state diagram allows, and no others. */
@Timeout(10)
class WorkerHandleTest {
  private final SchedulerFixture pool = new SchedulerFixture();
  private final WorkerHandle worker = new WorkerHandle(new FakeWorkerProcess("PoolWorker-7"), pool.scheduler);

  private static void assertIllegal(String message, Executable move) {
    assertEquals(message, assertThrows(IllegalStateException.class, move).getMessage());
  }

  @Test
  void aWorkerStartsStartingAndEndsClosed() {
    assertEquals(WorkerHandle.State.STARTING, worker.state());
    worker.markReady();
    worker.markStopping(pool.task(), new IllegalStateException("overran"));

    assertEquals(WorkerHandle.State.STOPPING, worker.markClosed());
    assertEquals(WorkerHandle.State.CLOSED, worker.state());
  }

  @Test
  void aWorkerMayBeRetiredBeforeItIsReady() {
    worker.markRetiring();

    assertEquals(WorkerHandle.State.RETIRING, worker.markClosed());
  }

  @Test
  void aWorkerBecomesReadyOnlyOnce() {
    worker.markReady();

    assertIllegal("PoolWorker-7 cannot go from READY to READY", worker::markReady);
  }

  @Test
  void onlyAReadyWorkerCanBeStopped() {
    assertIllegal("PoolWorker-7 cannot go from STARTING to STOPPING",
        () -> worker.markStopping(pool.task(), new IllegalStateException()));
    worker.markRetiring();
    assertIllegal("PoolWorker-7 cannot go from RETIRING to STOPPING",
        () -> worker.markStopping(pool.task(), new IllegalStateException()));
  }

  @Test
  void aStoppingWorkerCannotBeRetired() {
    worker.markReady();
    worker.markStopping(pool.task(), new IllegalStateException());

    assertIllegal("PoolWorker-7 cannot go from STOPPING to RETIRING", worker::markRetiring);
  }

  @Test
  void aClosedWorkerStaysClosed() {
    worker.markClosed();

    assertIllegal("PoolWorker-7 cannot go from CLOSED to CLOSED", worker::markClosed);
    assertIllegal("PoolWorker-7 cannot go from CLOSED to READY", worker::markReady);
    assertIllegal("PoolWorker-7 cannot go from CLOSED to RETIRING", worker::markRetiring);
  }

  @Test
  void aReplacementIsStartedOnlyOnce() {
    worker.markReplacementStarted();

    assertIllegal("a replacement for PoolWorker-7 was started already", worker::markReplacementStarted);
  }

  @Test
  void theStopReasonBelongsToTheTaskItWasStoppedFor() {
    PendingTask overran = pool.task();
    IllegalStateException reason = new IllegalStateException("overran");
    worker.markReady();
    worker.markStopping(overran, reason);

    assertEquals(reason, worker.stopReasonFor(overran));
    assertEquals(null, worker.stopReasonFor(pool.task()));
  }

  @Test
  void aSecondHelloEndsTheWorkerAsOutOfStep() {
    WorkerHandle worker = pool.startingWorker();
    Output hello = new Output(64, -1);
    Wire.writeHello(hello, 1, "PoolWorker-1", false);
    worker.onFrame(hello.toBytes());
    assertEquals(WorkerHandle.State.READY, worker.state());

    worker.onFrame(hello.toBytes());

    assertTrue(pool.process(worker).killed());
    assertTrue(pool.connection(worker).closed());
  }
}
