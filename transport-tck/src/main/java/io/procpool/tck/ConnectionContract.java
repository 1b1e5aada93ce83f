package io.procpool.tck;

import static io.procpool.tck.MapContract.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.spi.Connection;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the SPI promises about connections, watched from between the core and the transport
 * (a {@link RecordingTransport}) on real worker JVMs: {@code onClosed} exactly once per
 * connection and after its last frame, listener calls one at a time, {@code shutdown} once,
 * later {@code close()} calls harmless, and a worker's {@code exitCode} done once it has exited.
 */
public interface ConnectionContract extends TransportTestKit {
  /** How long the tests wait for a transport's {@code onClosed} calls before they fail. */
  Duration CLOSE_PATIENCE = Duration.ofSeconds(10);

  /**
   * Closing a pool whose workers were replaced on the way ({@code maxTasksPerChild}) ends every
   * connection with exactly one {@code onClosed}, after its last frame, and shuts the transport
   * down once.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void everyConnectionIsClosedOnceAfterItsLastFrameWhenThePoolCloses(Pools pools) throws Exception {
    RecordingTransport transport = new RecordingTransport(transportModule());
    Pool pool = pools.register(pools.builder(2).transport(transport.module()).maxTasksPerChild(3).build());
    assertEquals(range(12).stream().map(TckTasks::square).collect(Collectors.toList()),
        pool.map(TckTasks::square, range(12), 1));
    pool.close();
    assertEquals(1, transport.shutdowns(), "shutdown() calls");
    assertTrue(transport.records().size() >= 4, "12 tasks, 3 per worker: " + transport.records());
    transport.assertEveryConnectionClosedOnceAndLast(CLOSE_PATIENCE);
  }

  /**
   * Terminating a pool while its tasks run still ends each connection with exactly one
   * {@code onClosed}, and shuts the transport down once.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void everyConnectionIsClosedOnceWhenThePoolIsTerminatedWithTasksRunning(Pools pools) throws Exception {
    RecordingTransport transport = new RecordingTransport(transportModule());
    Pool pool = pools.register(pools.builder(2).transport(transport.module()).build());
    try (FileLatch latch = FileLatch.create()) {
      String path = latch.path();
      List<AsyncResult<Integer>> waiting = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int value = i;
        waiting.add(pool.applyAsync(() -> TckTasks.valueWhenReleased(path, value)));
      }
      awaitFramesOnEach(transport, 2); // both workers said hello: their connections are open
      pool.terminate();
      latch.release();
      assertTrue(waiting.stream().allMatch(AsyncResult::ready));
    }
    assertEquals(1, transport.shutdowns(), "shutdown() calls");
    transport.assertEveryConnectionClosedOnceAndLast(CLOSE_PATIENCE);
  }

  /**
   * A {@code WorkerProcess} has the worker's own pid, and its {@code exitCode} completes only once
   * the process has ended, by the time {@code close()} returns.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES)
  default void workerExitCodeCompletesOnlyOnceItsProcessHasEnded(Pools pools) throws Exception {
    RecordingTransport transport = new RecordingTransport(transportModule());
    Pool pool = pools.register(pools.builder(1).transport(transport.module()).build());
    long pid = pool.apply(TckTasks::pid);
    WorkerProcess worker = transport.records().get(0).worker();
    assertEquals(pid, worker.pid(), "WorkerProcess.pid() is the worker's own pid");
    CompletableFuture<Boolean> aliveWhenCompleted = worker.exitCode().thenApply(code -> TransportTestKit.alive(pid));
    assertFalse(worker.exitCode().isDone(), "exitCode done while the worker still runs tasks");
    pool.close();
    assertTrue(worker.exitCode().isDone(), "close() returned before exitCode completed");
    // No exit code to expect: the worker exits when its connection closes, and the core kills it then too.
    assertFalse(aliveWhenCompleted.get(10, TimeUnit.SECONDS), "exitCode completed while the process was alive");
  }

  /**
   * {@code close()} of a connection whose worker exited without connecting gives exactly one
   * {@code onClosed} and no frame; a {@code close()} after {@code shutdown()} is harmless.
   *
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES) // the kit starts a JVM that exits at once
  default void pendingConnectionOfAWorkerThatExitedIsClosedOnceByClose() throws Exception {
    withPendingConnectionOfAnExitedWorker((transport, connection, record) -> {
      connection.close(); // as the core does, a second after the process exited
      assertTrue(record.awaitClosed(deadline()), "close() of a pending connection gave no onClosed");
      transport.shutdown();
      connection.close(); // after shutdown: harmless
    });
  }

  /**
   * {@code shutdown()} closes a connection whose worker exited without connecting, with exactly one
   * {@code onClosed}; {@code close()} calls after it are harmless.
   *
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES) // the kit starts a JVM that exits at once
  default void pendingConnectionOfAWorkerThatExitedIsClosedOnceByShutdown() throws Exception {
    withPendingConnectionOfAnExitedWorker((transport, connection, record) -> {
      transport.shutdown(); // the core calls it once every worker has exited, closed or not
      assertTrue(record.awaitClosed(deadline()), "shutdown() left a connection without onClosed");
      connection.close(); // the core may still close it afterwards
      connection.close();
    });
  }

  /**
   * Starts a JVM that exits without connecting, connects to it, waits for its exit, runs the test,
   * then checks the connection was closed once, quietly, with no frame.
   */
  private void withPendingConnectionOfAnExitedWorker(PendingConnectionTest test) throws Exception {
    Transport transport = KitLaunch.transportOf(transportModule());
    try (KitLaunch.Launched launched = KitLaunch.launch(transportModule(), transport, "PoolWorker-tck-never",
        WorkerThatNeverConnects.class)) {
      WorkerProcess worker = launched.process();
      ConnectionRecord record = ConnectionRecord.alone(worker);
      Connection connection = transport.connect(worker, record);
      worker.exitCode().get(30, TimeUnit.SECONDS);
      test.run(transport, connection, record);
      assertQuietlyClosedOnce(record);
    }
  }


  private static long deadline() {
    return System.nanoTime() + CLOSE_PATIENCE.toNanos();
  }

  /** After a quiet second: one onClosed, no frame (the worker never connected), nothing else wrong. */
  private static void assertQuietlyClosedOnce(ConnectionRecord record) throws InterruptedException {
    Thread.sleep(1000); // a second onClosed, if any, would come from the transport's own threads
    assertEquals(List.of(), record.problems());
    assertEquals(1, record.closes());
    assertEquals(0, record.frames());
  }

  private static void awaitFramesOnEach(RecordingTransport transport, int connections) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline
        && transport.records().stream().filter(record -> record.frames() > 0).count() < connections) {
      Thread.sleep(20);
    }
    assertEquals(connections, transport.records().stream().filter(record -> record.frames() > 0).count(),
        "workers that said hello: " + transport.records());
  }
}
