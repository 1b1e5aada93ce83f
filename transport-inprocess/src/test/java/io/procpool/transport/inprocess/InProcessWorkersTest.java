package io.procpool.transport.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.TaskTimeoutException;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import io.procpool.junit.WithPool;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What is particular to workers that are threads: names, stopping, refusals. pool-junit closes
 * each test's pool and fails the test if a worker's thread (procpool-inprocess-…) outlives it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@WithPool(workers = 1, transport = "inprocess")
class InProcessWorkersTest {

  @Test
  @WithPool(workers = 2, transport = "inprocess")
  void tasksSeeTheirWorkersNameWhileTheCallerIsTheMainProcess(Pool pool) throws Exception {
    Set<String> names = pool.map(x -> CurrentProcess.name() + "/" + CurrentProcess.isWorker(),
        IntStream.range(0, 40).boxed().collect(Collectors.toList()), 1).stream().collect(Collectors.toSet());
    assertTrue(Set.of("PoolWorker-1/true", "PoolWorker-2/true").containsAll(names), names.toString());
    assertEquals(CurrentProcess.MAIN_PROCESS, CurrentProcess.name());
    assertFalse(CurrentProcess.isWorker());
  }

  @Test
  void argumentsAndResultsStillTravelSerialized(Pool pool) throws Exception {
    StringBuilder mutable = new StringBuilder("sent");
    StringBuilder back = pool.apply(b -> b.append(" and changed"), mutable);
    assertEquals("sent", mutable.toString(), "the worker got a copy, not the caller's object");
    assertEquals("sent and changed", back.toString());
  }

  @Test
  @WithPool(workers = 1, transport = "inprocess", taskTimeoutMillis = 300)
  void aTaskPastItsTimeoutFailsAndItsWorkerIsReplaced(Pool pool) throws Exception {
    AsyncResult<Object> stuck = pool.applyAsync(() -> {
      Thread.sleep(60_000); // interrupted by the kill, so the thread does not outlive the test
      return null;
    });
    ExecutionException failure = assertThrows(ExecutionException.class, () -> stuck.get(20, TimeUnit.SECONDS));
    assertInstanceOf(TaskTimeoutException.class, failure.getCause());
    assertEquals("PoolWorker-2", pool.apply(CurrentProcess::name));
  }

  /** Reached by tasks through a static, as a thread worker shares this JVM's statics. */
  private static final AtomicReference<CountDownLatch> STARTED = new AtomicReference<>();

  @Test
  void cancellingARunningTaskReplacesItsWorker(Pool pool) throws Exception {
    STARTED.set(new CountDownLatch(1));
    AsyncResult<Object> running = pool.applyAsync(() -> {
      STARTED.get().countDown(); // a static: what a lambda captures travels as a copy
      Thread.sleep(60_000);
      return null;
    });
    assertTrue(STARTED.get().await(20, TimeUnit.SECONDS));
    assertTrue(running.cancel(true));
    assertEquals("PoolWorker-2", pool.apply(CurrentProcess::name));
  }

  @Test
  void anEnvironmentIsRefusedRatherThanIgnored() {
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ProcessPool.builder()
        .workers(1).transport(new InProcessTransportModule()).environment("GREETING", "hello").build());
    assertTrue(refused.getMessage().contains("environment variables of its own [GREETING]"), refused.getMessage());
  }

  @Test
  void takenByNameButNeverByDefault() throws Exception {
    try (Pool pool = ProcessPool.builder().workers(1).transport("inprocess").build()) {
      assertEquals("PoolWorker-1", pool.apply(CurrentProcess::name));
    }
    IllegalStateException none = assertThrows(IllegalStateException.class, () -> ProcessPool.create(1));
    assertTrue(none.getMessage().startsWith("No procpool transport on the class path"), none.getMessage());
  }

  private static final ThreadLocal<String> INITIALIZED = new ThreadLocal<>();

  private static String initializedHere() {
    return INITIALIZED.get();
  }

  static PoolBuilder initializingThreadLocals() {
    return ProcessPool.builder().workers(1).transport(new InProcessTransportModule())
        .initializer(() -> INITIALIZED.set("by " + CurrentProcess.name()));
  }

  @Test
  @WithPool(builder = "initializingThreadLocals")
  void theInitializerRunsOnTheThreadThatRunsTheTasks(Pool pool) throws Exception {
    assertEquals("by PoolWorker-1", pool.apply(InProcessWorkersTest::initializedHere));
  }
}
