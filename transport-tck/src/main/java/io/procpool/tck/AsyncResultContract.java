package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What an AsyncResult promises: Python's get/ready/successful/wait, and a future view. */
public interface AsyncResultContract extends TransportTestKit {

  /**
   * A timed {@code get} that runs out throws {@code TimeoutException} that names how long it waited,
   * and the task still completes with its value.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void getWithTimeoutThrowsAndTheTaskKeepsItsPlace(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> slow = pool.applyAsync(() -> TckTasks.sleepThenReturn(800, 8));
    TimeoutException timeout = assertThrows(TimeoutException.class, () -> slow.get(50, TimeUnit.MILLISECONDS));
    assertEquals("no result within 50 milliseconds", timeout.getMessage());
    assertEquals(8, slow.get(30, TimeUnit.SECONDS));
  }

  /**
   * {@code successful()} throws, saying "not ready", until the result is ready, as Python raises
   * {@code ValueError}.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void successfulIsAnErrorUntilReady(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> slow = pool.applyAsync(() -> TckTasks.sleepThenReturn(500, 1));
    IllegalStateException error = assertThrows(IllegalStateException.class, slow::successful);
    assertTrue(error.getMessage().contains("not ready"), error.getMessage());
    slow.waitFor();
    assertTrue(slow.ready());
    assertTrue(slow.successful());
  }

  /**
   * A task that throws gives a result that is ready but not successful.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void failedResultIsReadyButNotSuccessful(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> failed = pool.applyAsync(TckTasks::failIfNegative, -1);
    failed.waitFor();
    assertTrue(failed.ready());
    assertFalse(failed.successful());
  }

  /**
   * A timed {@code waitFor} answers false while the task runs and true once it is done.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void waitForWithTimeoutSaysWhetherReady(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> slow = pool.applyAsync(() -> TckTasks.sleepThenReturn(600, 1));
    assertFalse(slow.waitFor(20, TimeUnit.MILLISECONDS));
    assertTrue(slow.waitFor(30, TimeUnit.SECONDS));
  }

  /**
   * The {@code CompletableFuture} view composes, and completing it by hand does not change the
   * task's result.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void completableFutureViewComposesAndCannotAlterTheResult(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> result = pool.applyAsync(() -> TckTasks.sleepThenReturn(300, 20));
    CompletableFuture<Integer> view = result.toCompletableFuture();
    CompletableFuture<Integer> plusOne = view.thenApply(x -> x + 1);
    view.complete(-1); // a user completing the view does not change the task's result
    assertEquals(20, result.get());
    assertEquals(0, plusOne.get()); // the view was completed with -1 before the task ended
    assertEquals(21, result.toCompletableFuture().thenApply(x -> x + 1).get());
  }
}
