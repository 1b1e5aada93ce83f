package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import io.procpool.WorkerStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Initializer and maxTasksPerChild: what happens to workers between tasks. */
public interface WorkerLifecycleContract extends TransportTestKit {

  /**
   * A first worker whose {@code connect} throws is replaced, the tasks complete, and
   * {@code close()} does not wait for the worker that never connected.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aFirstWorkerWhoseConnectThrowsIsReplacedAndCloseStillReturns(Pools pools) throws Exception {
    TransportThatFailsToConnect transport = new TransportThatFailsToConnect(transportModule(), 1);
    Pool pool = pools.register(ProcessPool.builder().workers(2).transport(transport.module()).build());

    assertEquals(List.of(1, 4, 9, 16), pool.map(TckTasks::square, List.of(1, 2, 3, 4), 1));
    assertEquals(3, transport.connects(), "the worker that could not be connected was replaced");
    assertTimeoutPreemptively(Duration.ofSeconds(30), pool::close, "close() waited for a worker that never connected");
    assertEquals(List.of(), Pools.liveWorkers());
  }

  /**
   * A replacement worker whose {@code connect} throws is replaced in turn, and {@code close()}
   * still returns.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aReplacementWhoseConnectThrowsIsReplacedAndCloseStillReturns(Pools pools) throws Exception {
    TransportThatFailsToConnect transport = new TransportThatFailsToConnect(transportModule(), 3);
    Pool pool = pools.register(ProcessPool.builder().workers(2).maxTasksPerChild(1)
        .transport(transport.module()).build());

    assertEquals(List.of(1, 4, 9, 16), pool.map(TckTasks::square, List.of(1, 2, 3, 4), 1));
    assertTrue(transport.connects() >= 4, "the replacement that could not be connected was replaced");
    assertTimeoutPreemptively(Duration.ofSeconds(30), pool::close, "close() waited for a worker that never connected");
    assertEquals(List.of(), Pools.liveWorkers());
  }

  /**
   * The initializer runs exactly once in each worker, before its first task.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void initializerRunsOnceInEachWorkerBeforeItsFirstTask(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(2).initializer(TckTasks::initialize).build());
    List<String> states = pool.map(x -> TckTasks.initializationState(), List.of(1, 2, 3, 4, 5, 6), 1);
    assertEquals(List.of("yes:1", "yes:1", "yes:1", "yes:1", "yes:1", "yes:1"), states);
  }

  /**
   * Tasks run on the thread the initializer ran on, so per-thread state it leaves is there, one
   * task at a time or in a map.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void tasksRunOnTheThreadTheInitializerRanOn(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).initializer(TckTasks::initializeThisThread).build());
    for (int i = 0; i < 5; i++) { // one at a time: the pattern that lets a worker run a task elsewhere
      assertEquals("initialized", pool.apply(TckTasks::threadState), "apply " + i);
    }
    assertEquals(List.of("initialized", "initialized"), pool.map(x -> TckTasks.threadState(), List.of(1, 2), 1));
  }

  /**
   * The initializer also runs in a worker that replaces one that died.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void initializerAlsoRunsInReplacementWorkers(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).initializer(TckTasks::initialize).build());
    assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::halt, 3));
    assertEquals("yes:1", pool.apply(TckTasks::initializationState));
  }

  /**
   * An initializer that throws fails every task with the same {@code WorkerStartException}, its
   * cause the initializer's exception, and the pool stops starting workers.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void failingInitializerFailsTasksClearlyAndWorkersAreNotRestartedForever(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(2).initializer(() -> {
      throw new IllegalStateException("no database");
    }).build());
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(() -> 1));
    WorkerStartException cause = assertInstanceOf(WorkerStartException.class, failure.getCause());
    assertTrue(cause.getMessage().contains("initializer failed"), cause.getMessage());
    assertEquals("no database", assertInstanceOf(IllegalStateException.class, cause.getCause()).getMessage());
    ExecutionException later = assertThrows(ExecutionException.class, () -> pool.apply(() -> 2));
    assertSame(cause, later.getCause());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!Pools.liveWorkers().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of(), Pools.liveWorkers(), "workers were restarted after the initializer failed");
  }

  /**
   * {@code maxTasksPerChild} replaces each worker after its share, and every task runs exactly
   * once.
   *
   * @param pools the test's pools, terminated after it
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void maxTasksPerChildReplacesWorkersWithoutLosingOrRepeatingTasks(Pools pools, @TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("runs.log");
    Pool pool = pools.register(pools.builder(2).maxTasksPerChild(3).build());
    List<Integer> items = IntStream.range(0, 20).boxed().collect(Collectors.toList());
    List<String> names = pool.map(i -> TckTasks.recordRun(log, i), items, 1);
    assertEquals(20, names.size());
    Map<String, Integer> tasksPerWorker = new HashMap<>();
    names.forEach(name -> tasksPerWorker.merge(name, 1, Integer::sum));
    assertTrue(tasksPerWorker.values().stream().allMatch(count -> count <= 3), tasksPerWorker.toString());
    assertTrue(tasksPerWorker.size() >= 7, "20 tasks, 3 per worker, need at least 7 workers: " + tasksPerWorker);
    List<String> runs = Files.readAllLines(log);
    assertEquals(items.stream().map(String::valueOf).sorted().collect(Collectors.toList()),
        runs.stream().sorted().collect(Collectors.toList()), "each task must run exactly once");
  }

  /**
   * After {@code shutdown()} with tasks queued, a worker that did its share is still replaced, so
   * the queued tasks complete.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void shutdownWithTasksQueuedStillReplacesWorkersThatDidTheirShare(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).maxTasksPerChild(2).build());
    List<io.procpool.AsyncResult<Integer>> results = IntStream.range(0, 5)
        .mapToObj(i -> pool.applyAsync(() -> TckTasks.sleepThenReturn(50, i)))
        .collect(Collectors.toList());
    pool.shutdown();
    pool.join();
    for (int i = 0; i < 5; i++) {
      assertEquals(i, results.get(i).get());
    }
  }
}
