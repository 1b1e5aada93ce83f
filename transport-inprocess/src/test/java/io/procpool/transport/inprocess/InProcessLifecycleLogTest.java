package io.procpool.transport.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pool;
import io.procpool.TaskTimeoutException;
import io.procpool.core.ProcessPool;
import io.procpool.tck.LifecycleLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * A pool's life in its log, on threads: every step of a healthy one at DEBUG (the JDK's FINE),
 * none at INFO or above, so that a healthy pool is quiet at the default level. A worker on a
 * thread has no pid of its own, so none is logged.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProcessLifecycleLogTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @AfterEach
  void noWorkerThreadIsLeft() throws InterruptedException {
    assertEquals(List.of(), WorkerThreadsLeft.await(Duration.ofSeconds(10)));
  }

  @Test
  void aHealthyPoolLogsBuiltStartedReadyRetiredReplacedAndClosedAtDebugOnly() throws Exception {
    try (LifecycleLog log = new LifecycleLog()) {
      try (Pool pool = ProcessPool.builder().workers(2).maxTasksPerChild(2)
          .transport(new InProcessTransportModule()).build()) {
        assertEquals(List.of(1, 4, 9, 16, 25, 36), pool.map(x -> x * x, List.of(1, 2, 3, 4, 5, 6), 1));
      }
      log.await(text -> text.startsWith("Pool of 2 worker(s) over InProcessTransport built in "), PATIENCE);
      log.await(text -> text.equals("PoolWorker-1 started"), PATIENCE);
      log.await(text -> text.matches("PoolWorker-1 is ready, \\d+ ms after its launch"), PATIENCE);
      log.await(text -> text.equals("PoolWorker-1 retires: it ran its 2 tasks (maxTasksPerChild)"), PATIENCE);
      log.await(text -> text.matches("PoolWorker-\\d started, in place of PoolWorker-1"), PATIENCE);
      log.await(text -> text.equals("PoolWorker-1 exited"), PATIENCE);
      log.await(text -> text.matches("Pool closed: the \\d worker\\(s\\) it started have all exited"), PATIENCE);
      assertOnlyDebug(log);
    }
  }

  @Test
  void aWorkerStoppedForItsTimeoutIsDebugNotAWarning() throws Exception {
    try (LifecycleLog log = new LifecycleLog()) {
      try (Pool pool = ProcessPool.builder().workers(1).taskTimeout(Duration.ofMillis(200))
          .transport(new InProcessTransportModule()).build()) {
        Executable overrun = () -> pool.apply(() -> {
          Thread.sleep(30_000);
          return 0;
        });
        ExecutionException failure = assertThrows(ExecutionException.class, overrun);
        assertTrue(failure.getCause() instanceof TaskTimeoutException, failure.toString());
        assertEquals(4, pool.apply(() -> 2 * 2));
      }
      LogRecord stopped = log.await(text -> text.startsWith("PoolWorker-1 was stopped by the pool, ")
          && text.contains(", while running task 1: ") && text.contains("timeout"), PATIENCE);
      assertEquals(Level.FINE, stopped.getLevel());
      log.await(text -> text.equals("PoolWorker-2 started, in place of PoolWorker-1"), PATIENCE);
      assertOnlyDebug(log);
    }
  }

  private static void assertOnlyDebug(LifecycleLog log) {
    for (LogRecord record : log.records()) {
      assertTrue(record.getLevel().intValue() < Level.INFO.intValue(), "above DEBUG: " + log.texts());
      assertTrue(record.getLoggerName().startsWith("io.procpool."), record.getLoggerName());
    }
  }
}
