package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.PoolListener;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard Java concurrency types: an AsyncResult is a Future with join(), its
 * CompletableFuture view, a listener as a lambda, and the pool as an ExecutorService, after the
 * behaviours the JDK's own executor tests check. Few tests, each covering several promises, to
 * keep the kit fast on every transport.
 */
public interface StandardConcurrencyContract extends TransportTestKit {

  /** A Callable that can travel: what users write as {@code (Callable<T> & Serializable) () -> ...}. */
  interface TravellingCallable<T> extends Callable<T>, Serializable {}

  /**
   * Gives a lambda the serializable Callable type.
   *
   * @param <T> the type of the task's value
   * @param task the lambda, which the compiler makes serializable for this parameter type
   * @return the same task, as a plain {@code Callable}
   */
  static <T> Callable<T> callable(TravellingCallable<T> task) {
    return task;
  }

  /**
   * An {@code AsyncResult} is a {@code Future}: {@code isDone}, {@code isCancelled} and {@code get}
   * keep their promises, and {@code join()} throws unchecked exceptions, so it fits in a stream.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void asyncResultIsAFutureWithJoin(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> slow = pool.applyAsync(() -> TckTasks.sleepThenReturn(400, 4));
    AsyncResult<Integer> queued = pool.applyAsync(() -> TckTasks.sleepThenReturn(0, 5));
    Future<Integer> future = slow; // code that takes a Future takes ours
    assertFalse(future.isDone());
    assertTrue(queued.cancel(false));
    assertTrue(queued.isCancelled());
    assertTrue(queued.isDone());
    assertThrows(CancellationException.class, queued::join);
    assertEquals(4, future.get());
    assertTrue(future.isDone());
    assertFalse(future.isCancelled());

    CompletionException failure = assertThrows(CompletionException.class,
        () -> pool.applyAsync(TckTasks::failIfNegative, -1).join());
    assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    List<Integer> squares = IntStream.range(0, 4).boxed()
        .map(x -> pool.applyAsync(TckTasks::square, x)).toList().stream()
        .map(AsyncResult::join).toList();
    assertEquals(List.of(0, 1, 4, 9), squares);
  }

  /**
   * Stages of the {@code CompletableFuture} view run on the pool's callback thread, never a
   * transport's I/O thread, and cancelling the view cancels the task, which then never runs.
   *
   * @param pools the test's pools, terminated after it
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void completableFutureViewRunsStagesOnTheCallbackThreadAndCancelsTheTask(Pools pools, @TempDir Path dir)
      throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> slow = pool.applyAsync(() -> TckTasks.sleepThenReturn(500, 1));
    CompletableFuture<String> stageThread = slow.toCompletableFuture()
        .thenApply(value -> Thread.currentThread().getName());
    Path marker = dir.resolve("ran");
    AsyncResult<String> queued = pool.applyAsync(() -> TckTasks.recordRun(marker, 2));
    CompletableFuture<String> view = queued.toCompletableFuture();
    assertTrue(view.cancel(false));
    assertTrue(view.isCancelled());
    assertTrue(queued.cancelled(), "cancelling the view cancels the task");
    assertEquals("procpool-callbacks", stageThread.get(30, TimeUnit.SECONDS));
    pool.close();
    assertFalse(Files.exists(marker), "the task cancelled through its view ran");
  }

  /**
   * A listener for one kind of event is a lambda, told of that kind only.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aListenerForOneKindOfEventIsALambda(Pools pools) throws Exception {
    BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    Pool pool = pools.register(pools.builder(1)
        .listener(PoolListener.onTaskFailed((event, error) -> failures.add(error))).build());
    assertEquals(9, pool.apply(TckTasks::square, -3));
    assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::failIfNegative, -1));
    assertInstanceOf(IllegalArgumentException.class, failures.poll(30, TimeUnit.SECONDS));
    pool.close();
    assertTrue(failures.isEmpty(), "told of more than the one failure: " + failures);
  }

  /**
   * The {@code ExecutorService} view runs {@code Callable}s and {@code Runnable}s, refuses
   * {@code null} tasks and refuses a lambda that cannot travel, naming its class; {@code invokeAll}
   * and {@code invokeAny} keep the JDK's promises, empty lists and failures included.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void executorServiceRunsTasksAndRefusesWhatCannotTravel(Pools pools) throws Exception {
    ExecutorService executor = pools.start(2).asExecutorService();
    assertEquals(42, executor.submit(callable(() -> 6 * 7)).get());
    Runnable runnable = (Runnable & Serializable) () -> TckTasks.square(2);
    assertEquals("done", executor.submit(runnable, "done").get());
    assertEquals(null, executor.submit(runnable).get());
    executor.execute(runnable);

    assertThrows(NullPointerException.class, () -> executor.submit((Callable<Integer>) null));
    assertThrows(NullPointerException.class, () -> executor.execute(null));
    assertThrows(NullPointerException.class, () -> executor.invokeAll(java.util.Arrays.asList(callable(() -> 1), null)));
    Callable<Integer> staysHere = () -> 1;
    RejectedExecutionException refused = assertThrows(RejectedExecutionException.class,
        () -> executor.submit(staysHere));
    assertTrue(refused.getMessage().contains(staysHere.getClass().getName()), refused.getMessage());

    assertEquals(List.of(), executor.invokeAll(List.of()));
    assertThrows(IllegalArgumentException.class, () -> executor.invokeAny(List.of()));
    List<Future<Integer>> all = executor.invokeAll(List.of(callable(() -> 1), callable(() -> TckTasks.failIfNegative(-1))));
    assertTrue(all.stream().allMatch(Future::isDone));
    assertEquals(1, all.get(0).get());
    assertInstanceOf(IllegalArgumentException.class, assertThrows(ExecutionException.class, all.get(1)::get).getCause());
    assertEquals(7, executor.invokeAny(List.of(callable(() -> TckTasks.failIfNegative(-1)), callable(() -> 7))));
    ExecutionException allFailed = assertThrows(ExecutionException.class, () -> executor.invokeAny(
        List.of(callable(() -> TckTasks.failIfNegative(-1)), callable(() -> TckTasks.failIfNegative(-2)))));
    assertInstanceOf(IllegalArgumentException.class, allFailed.getCause());
  }

  /**
   * {@code invokeAll}'s timeout cancels the unfinished tasks, and {@code invokeAny}'s throws a
   * {@code TimeoutException}.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void executorServiceTimeoutsCancelWhatIsUnfinished(Pools pools) throws Exception {
    ExecutorService executor = pools.start(2).asExecutorService();
    executor.invokeAll(List.of(callable(() -> 0), callable(() -> 0))); // both workers warm: the quick task
    // must beat the timeout even on a loaded machine, where a fresh JVM's first lambda took over a second
    List<Future<Integer>> timed = executor.invokeAll(
        List.of(callable(() -> 1), callable(() -> TckTasks.sleepThenReturn(20_000, 2))), 3, TimeUnit.SECONDS);
    assertEquals(1, timed.get(0).get());
    assertTrue(timed.get(1).isCancelled(), "invokeAll's timeout cancels the unfinished task");
    assertThrows(TimeoutException.class, () -> executor.invokeAny(
        List.of(callable(() -> TckTasks.sleepThenReturn(20_000, 1))), 300, TimeUnit.MILLISECONDS));
    assertEquals(3, executor.invokeAny(List.of(callable(() -> 3)), 30, TimeUnit.SECONDS));
  }

  /**
   * The view's {@code shutdown} refuses new tasks and lets the accepted ones finish, and
   * {@code awaitTermination} says when they have; {@code shutdownNow} returns the tasks that never
   * started, which then never run.
   *
   * @param pools the test's pools, terminated after it
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void executorServiceShutsDownAndTerminates(Pools pools, @TempDir Path dir) throws Exception {
    ExecutorService executor = pools.start(1).asExecutorService();
    Future<Integer> running = executor.submit(callable(() -> TckTasks.sleepThenReturn(700, 1)));
    assertFalse(executor.isShutdown());
    executor.shutdown();
    assertTrue(executor.isShutdown());
    assertThrows(RejectedExecutionException.class, () -> executor.submit(callable(() -> 2)));
    assertFalse(executor.awaitTermination(50, TimeUnit.MILLISECONDS));
    assertFalse(executor.isTerminated());
    assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(executor.isTerminated());
    assertEquals(1, running.get());

    ExecutorService other = pools.start(1).asExecutorService();
    Path marker = dir.resolve("ran");
    Path begun = dir.resolve("begun");
    Future<Integer> busy = other.submit(callable(() -> FaultTasks.recordThenSleep(begun, 20_000)));
    Future<String> never = other.submit(callable(() -> TckTasks.recordRun(marker, 2)));
    Runnable neverEither = (Runnable & Serializable) () -> TckTasks.square(3);
    other.execute(neverEither);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(begun) && System.nanoTime() < deadline) {
      Thread.sleep(10); // until the first has begun in the one worker (it may still be starting)
    }
    assertTrue(Files.exists(begun), "the first task began");
    List<Runnable> notStarted = other.shutdownNow();
    assertEquals(2, notStarted.size(), "the two that never started: " + notStarted);
    assertTrue(notStarted.contains(neverEither));
    assertTrue(never.isCancelled());
    assertTrue(busy.isDone());
    assertTrue(other.awaitTermination(30, TimeUnit.SECONDS));
    assertFalse(Files.exists(marker), "a task shutdownNow returned ran");
  }
}
