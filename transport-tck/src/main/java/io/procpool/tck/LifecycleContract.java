package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.Outcome;
import io.procpool.PoolTerminatedException;
import io.procpool.WorkerDiedException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** shutdown (Python's close), join, close, terminate: no task lost, no process left behind. */
public interface LifecycleContract extends TransportTestKit {

  /**
   * {@code close()} returns only after every accepted task has completed, and leaves no worker
   * process.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
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

  /**
   * {@code shutdown()} then {@code join()} waits for the accepted tasks and for the worker
   * processes to exit.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
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

  /**
   * A task submitted after {@code shutdown()} is refused with an {@code IllegalStateException}
   * saying the pool is not running.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void submittingAfterShutdownIsAClearError(Pools pools) {
    Pool pool = pools.start(1);
    pool.shutdown();
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> pool.applyAsync(() -> 1));
    assertTrue(error.getMessage().contains("not running"), error.getMessage());
    assertThrows(IllegalStateException.class, () -> pool.map(TckTasks::square, List.of(1)));
  }

  /**
   * A task submitted after {@code close()} or {@code terminate()} is refused with an
   * {@code IllegalStateException}.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void submittingAfterCloseOrTerminateIsAClearError(Pools pools) {
    Pool closed = pools.start(1);
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.apply(() -> 1));
    Pool terminated = pools.start(1);
    terminated.terminate();
    assertThrows(IllegalStateException.class, () -> terminated.apply(() -> 1));
  }

  /**
   * {@code join()} on a running pool throws an {@code IllegalStateException} saying it is still
   * running, as Python's does.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void joinOnARunningPoolIsAnError(Pools pools) {
    Pool pool = pools.start(1);
    IllegalStateException error = assertThrows(IllegalStateException.class, pool::join);
    assertTrue(error.getMessage().contains("still running"), error.getMessage());
  }

  /**
   * {@code terminate()} fails every unfinished result with a {@code PoolTerminatedException} and
   * leaves no worker process.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
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

  /**
   * {@code close()}, {@code terminate()} and {@code shutdown()} may be called again, in any order,
   * harmlessly.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void closeAndTerminateAreIdempotent(Pools pools) {
    Pool pool = pools.start(1);
    pool.close();
    pool.close();
    pool.terminate();
    pool.shutdown();
    assertEquals(List.of(), Pools.liveWorkers());
  }

  /** The fault matrix's promise: every worker of a SIGKILLed parent is gone within this. */
  long ORPHAN_LIFETIME_SECONDS = 5;

  /**
   * Workers exit by themselves within {@link #ORPHAN_LIFETIME_SECONDS} of their parent's SIGKILL,
   * whether idle, busy or asleep in a task: a parent that dies without closing its pool leaves no
   * orphans.
   *
   * @param state what the workers are doing when their parent is killed: {@code idle}, {@code busy}
   *     or {@code sleeping}
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @ParameterizedTest(name = "workers {0}")
  @ValueSource(strings = {"idle", "busy", "sleeping"})
  @Requires({TransportCapability.WORKERS_EXIT_WITH_PARENT, TransportCapability.SEPARATE_PROCESSES})
  default void workersExitByThemselvesWithinFiveSecondsOfTheirParentsSigkill(String state) throws Exception {
    Process parent = new ProcessBuilder(KitLaunch.programCommand(this, ParentThatDies.class,
        transportModule().getClass().getName(), state))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    List<Long> pids = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
      for (String line; pids.isEmpty() && (line = out.readLine()) != null; ) {
        if (line.startsWith("WORKERS ")) {
          Arrays.stream(line.substring(8).trim().split(" ")).map(Long::valueOf).forEach(pids::add);
        }
      }
      assertEquals(2, pids.size(), "the parent program did not report its workers");
      assertTrue(pids.stream().allMatch(TransportTestKit::alive), "the workers run before the parent is killed");
      parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ORPHAN_LIFETIME_SECONDS);
      while (System.nanoTime() < deadline && pids.stream().anyMatch(TransportTestKit::alive)) {
        Thread.sleep(20);
      }
      assertFalse(pids.stream().anyMatch(TransportTestKit::alive),
          state + " workers outlived their SIGKILLed parent by " + ORPHAN_LIFETIME_SECONDS + " s: " + pids);
    } finally {
      parent.destroyForcibly();
      pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  /**
   * {@code terminate()} under load returns within seconds, fails what was pending, {@code map}s
   * included, and leaves the pool refusing tasks.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.KILLS_RUNNING_TASKS)
  default void terminateUnderLoadReturnsPromptlyFailsWhatIsPendingAndLeavesThePoolStopped(Pools pools)
      throws Exception {
    Pool pool = pools.start(2);
    List<AsyncResult<Integer>> applied = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int value = i;
      applied.add(pool.applyAsync(() -> TckTasks.sleepThenReturn(20, value)));
    }
    AsyncResult<List<Integer>> mapped = pool.mapAsync(x -> TckTasks.sleepThenReturn(20, x),
        IntStream.range(0, 100).boxed().collect(Collectors.toList()), 5);
    applied.get(3).get(30, TimeUnit.SECONDS); // under way
    long start = System.nanoTime();
    pool.terminate();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5_000, "terminate() took " + millis + " ms");
    int terminated = 0;
    for (int i = 0; i < applied.size(); i++) {
      try {
        assertEquals(i, applied.get(i).get(5, TimeUnit.SECONDS)); // done before terminate(), or failed by it
      } catch (ExecutionException failure) {
        assertInstanceOf(PoolTerminatedException.class, failure.getCause());
        terminated++;
      }
    }
    assertTrue(terminated > 0, "some of the 200 tasks were still pending");
    assertInstanceOf(PoolTerminatedException.class,
        assertThrows(ExecutionException.class, () -> mapped.get(5, TimeUnit.SECONDS)).getCause());
    pool.join();
    assertThrows(IllegalStateException.class, () -> pool.applyAsync(TckTasks::square, 1));
    pool.terminate(); // a second time: harmless
    assertEquals(List.of(), Pools.liveWorkers());
  }

  /**
   * {@code close()} with a backlog of failing tasks, on workers replaced after every task,
   * completes every result with its value or its exception.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void closeWithABacklogOfFailuresAndOneTaskPerWorkerCompletesEveryResult(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(2).maxTasksPerChild(1).build());
    List<AsyncResult<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(pool.applyAsync(TckTasks::failIfNegative, i % 2 == 0 ? i : -i));
    }
    AsyncResult<List<Outcome<Integer>>> mapped = pool.mapOutcomesAsync(TckTasks::failIfNegative, List.of(1, -2, 3, -4), 1);
    pool.close();
    for (int i = 0; i < results.size(); i++) {
      AsyncResult<Integer> result = results.get(i);
      assertTrue(result.ready(), "close() returned before result " + i + " completed");
      if (i % 2 == 0) {
        assertEquals(i, result.get());
      } else {
        ExecutionException failure = assertThrows(ExecutionException.class, result::get);
        assertEquals("negative: " + -i, assertInstanceOf(IllegalArgumentException.class, failure.getCause()).getMessage());
      }
    }
    List<Outcome<Integer>> outcomes = mapped.get();
    assertEquals(1, outcomes.get(0).value());
    assertInstanceOf(IllegalArgumentException.class, outcomes.get(1).error());
    assertEquals(3, outcomes.get(2).value());
    assertInstanceOf(IllegalArgumentException.class, outcomes.get(3).error());
    assertEquals(List.of(), Pools.liveWorkers());
  }

  /**
   * Eight threads submitting while another closes the pool neither hang nor lose a task the pool
   * accepted; those refused are told the pool is not running.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void eightThreadsSubmittingWhileAnotherClosesNeitherHangNorLoseAnAcceptedTask(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    Map<Integer, AsyncResult<Integer>> accepted = new ConcurrentHashMap<>();
    List<IllegalStateException> refusals = new CopyOnWriteArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> submitters = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int first = t * 1_000;
      Thread submitter = new Thread(() -> {
        try {
          go.await();
          for (int i = first; i < first + 1_000; i++) {
            accepted.put(i, pool.applyAsync(TckTasks::square, i));
          }
        } catch (IllegalStateException refused) {
          refusals.add(refused);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      submitter.start();
      submitters.add(submitter);
    }
    go.countDown();
    Thread.sleep(20);
    pool.close();
    for (Thread submitter : submitters) {
      submitter.join(30_000);
      assertFalse(submitter.isAlive(), "a submitter hangs");
    }
    for (Map.Entry<Integer, AsyncResult<Integer>> task : accepted.entrySet()) {
      assertTrue(task.getValue().ready(), "accepted task " + task.getKey() + " did not complete before close() returned");
      assertEquals(task.getKey() * task.getKey(), task.getValue().get());
    }
    refusals.forEach(refused -> assertTrue(refused.getMessage().contains("not running"), refused.getMessage()));
    assertEquals(List.of(), Pools.liveWorkers());
  }

  /**
   * A worker that crashes during {@code close()} is replaced to run the backlog, and
   * {@code close()} returns once it has.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void aWorkerThatCrashesRightAfterCloseIsReplacedForTheBacklogAndCloseReturns(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Object> crash = pool.applyAsync(() -> FaultTasks.haltAfter(300, 5));
    List<AsyncResult<Integer>> backlog = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      backlog.add(pool.applyAsync(TckTasks::square, i));
    }
    pool.close(); // while the first task runs; its worker dies during close()
    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class,
        assertThrows(ExecutionException.class, crash::get).getCause());
    assertEquals(5, died.exitCode());
    for (int i = 0; i < backlog.size(); i++) {
      assertEquals(i * i, backlog.get(i).get());
    }
    assertEquals(List.of(), Pools.liveWorkers());
  }

  /**
   * A closed pool that timed its tasks leaves no timer thread behind, so {@code mvn exec:java} does
   * not wait for one.
   *
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aClosedPoolThatTimedItsTasksLeavesNoTimerThreadBehind() throws Exception {
    Process program = new ProcessBuilder(KitLaunch.programCommand(this, ProgramThatTimesItsTasks.class,
        transportModule().getClass().getName()))
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

  /**
   * {@code size()} is the number of workers the pool was built with.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void sizeIsTheNumberOfWorkers(Pools pools) {
    assertEquals(3, pools.start(3).size());
  }
}
