package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.PoolTerminatedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** shutdown (Python's close), join, close, terminate: no task lost, no process left behind. */
public interface LifecycleContract extends TransportTestKit {

  @Test
  default void closeRunsEveryAcceptedTaskThenLeavesNoWorker(Pools pools) throws Exception {
    List<AsyncResult<Integer>> results = new ArrayList<>();
    try (Pool pool = pools.start(2)) {
      for (int i = 0; i < 6; i++) {
        results.add(pool.applyAsync(() -> TckTasks.sleepThenReturn(150, 7)));
      }
    }
    for (AsyncResult<Integer> result : results) {
      assertTrue(result.ready(), "close() returned before an accepted task completed");
      assertEquals(7, result.get());
    }
    assertEquals(List.of(), Pools.liveWorkers());
  }

  @Test
  default void shutdownThenJoinWaitsForTasksAndWorkers(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    AsyncResult<Integer> result = pool.applyAsync(() -> TckTasks.sleepThenReturn(300, 3));
    pool.shutdown();
    pool.join();
    assertTrue(result.ready());
    assertEquals(3, result.get());
    assertEquals(List.of(), Pools.liveWorkers());
  }

  @Test
  default void submittingAfterShutdownIsAClearError(Pools pools) {
    Pool pool = pools.start(1);
    pool.shutdown();
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> pool.applyAsync(() -> 1));
    assertTrue(error.getMessage().contains("not running"), error.getMessage());
    assertThrows(IllegalStateException.class, () -> pool.map(TckTasks::square, List.of(1)));
  }

  @Test
  default void submittingAfterCloseOrTerminateIsAClearError(Pools pools) {
    Pool closed = pools.start(1);
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.apply(() -> 1));
    Pool terminated = pools.start(1);
    terminated.terminate();
    assertThrows(IllegalStateException.class, () -> terminated.apply(() -> 1));
  }

  @Test
  default void joinOnARunningPoolIsAnError(Pools pools) {
    Pool pool = pools.start(1);
    IllegalStateException error = assertThrows(IllegalStateException.class, pool::join);
    assertTrue(error.getMessage().contains("still running"), error.getMessage());
  }

  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void terminateFailsEveryUnfinishedResultAtOnce(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<AsyncResult<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      results.add(pool.applyAsync(() -> TckTasks.sleepThenReturn(20_000, 1)));
    }
    pool.terminate();
    for (AsyncResult<Integer> result : results) {
      ExecutionException failure = assertThrows(ExecutionException.class, result::get);
      assertInstanceOf(PoolTerminatedException.class, failure.getCause());
    }
    pool.join(); // allowed after terminate, returns at once
    assertEquals(List.of(), Pools.liveWorkers());
  }

  @Test
  default void closeAndTerminateAreIdempotent(Pools pools) {
    Pool pool = pools.start(1);
    pool.close();
    pool.close();
    pool.terminate();
    pool.shutdown();
    assertEquals(List.of(), Pools.liveWorkers());
  }

  @Test
  @Requires({TransportCapability.WORKERS_EXIT_WITH_PARENT, TransportCapability.SEPARATE_PROCESSES})
  default void workersExitByThemselvesWhenTheParentDies() throws Exception {
    Process parent = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
        ParentThatDies.class.getName(), transportModule().getClass().getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    List<Long> pids = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("WORKERS ")) {
          Arrays.stream(line.substring(8).trim().split(" ")).map(Long::valueOf).forEach(pids::add);
        }
      }
    }
    assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, pids.size(), "the parent program did not report its workers");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    try {
      while (System.nanoTime() < deadline && pids.stream().anyMatch(TransportTestKit::alive)) {
        Thread.sleep(50);
      }
      assertFalse(pids.stream().anyMatch(TransportTestKit::alive), "workers outlived their parent: " + pids);
    } finally {
      pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  @Test
  default void aClosedPoolThatTimedItsTasksLeavesNoTimerThreadBehind() throws Exception {
    Process program = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
        ProgramThatTimesItsTasks.class.getName(), transportModule().getClass().getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String threads = null;
    String groupThreads = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("THREADS ")) {
          threads = line.substring(8);
        } else if (line.startsWith("GROUP ")) {
          groupThreads = line.substring(6);
        }
      }
    } finally {
      if (!program.waitFor(30, TimeUnit.SECONDS)) {
        program.destroyForcibly();
      }
    }
    assertTrue(threads != null, "the program did not report its threads");
    List<String> names = List.of(threads.split(","));
    // The JDK's delayer (CompletableFuture.delayedExecutor, orTimeout) ignores interruption and
    // never ends: mvn exec:java waits 15 s for it after every program.
    assertFalse(names.contains("CompletableFutureDelayScheduler"), "the JDK's delay thread was started: " + names);
    assertFalse(names.contains("procpool-timer"), "the pool's timer thread outlived the pool: " + names);
    assertEquals("", groupThreads, "threads left in the program's thread group, which exec:java waits for");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  default void sizeIsTheNumberOfWorkers(Pools pools) {
    assertEquals(3, pools.start(3).size());
  }
}
