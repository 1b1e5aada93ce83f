package io.procpool.tck;

import static io.procpool.tck.MapContract.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.TaskSerializationException;
import io.procpool.WorkerDiedException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** mapOutcomes: every item runs, and each item's value or exception is kept in its place. */
public interface MapOutcomesContract extends TransportTestKit {

  /**
   * Asserts that an outcome failed with an exception of this type and message.
   *
   * @param type the exception's expected type
   * @param message its expected message
   * @param outcome the outcome to check
   */
  static void assertFailedWith(Class<? extends Throwable> type, String message, Outcome<?> outcome) {
    Throwable error = assertInstanceOf(type, outcome.error(), outcome.toString());
    assertEquals(message, error.getMessage());
  }

  /**
   * {@code mapOutcomes} keeps each item's own value or exception in its place, even when the items
   * share a chunk.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapOutcomesKeepsEachItemsOwnValueOrExceptionEvenWithinAChunk(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    for (int chunksize : new int[] {1, 2, 4}) {
      List<Outcome<Integer>> outcomes = pool.mapOutcomes(TckTasks::failIfNegative, List.of(1, -2, 3, -4), chunksize);
      assertEquals(Outcome.success(1), outcomes.get(0));
      assertFailedWith(IllegalArgumentException.class, "negative: -2", outcomes.get(1));
      assertEquals(Outcome.success(3), outcomes.get(2));
      assertFailedWith(IllegalArgumentException.class, "negative: -4", outcomes.get(3));
      assertEquals(4, outcomes.size(), "chunksize " + chunksize);
    }
    List<Outcome<Integer>> defaultChunks = pool.mapOutcomes(TckTasks::failIfNegative, List.of(-1, 2));
    assertEquals("[Failure[java.lang.IllegalArgumentException: negative: -1], Success[2]]", defaultChunks.toString());
  }

  /**
   * A failed outcome's {@code value()} throws a {@code CompletionException} with the item's
   * exception as cause.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapOutcomesFailedValueThrowsItsException(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    Outcome<Integer> failed = pool.mapOutcomes(TckTasks::failIfNegative, List.of(-5)).get(0);
    CompletionException thrown = assertThrows(CompletionException.class, failed::value);
    assertInstanceOf(IllegalArgumentException.class, thrown.getCause());
  }

  /**
   * A worker that dies fails each item of its chunk with a {@code WorkerDiedException}, and no item
   * of another chunk.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void mapOutcomesWorkerThatDiesFailsEachItemOfItsChunkAndNoOther(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<Outcome<Integer>> outcomes = pool.mapOutcomes(x -> TckTasks.squareOrHaltAt(x, 4), range(9), 3);
    for (int item = 0; item < 9; item++) {
      Outcome<Integer> outcome = outcomes.get(item);
      if (item >= 3 && item < 6) {
        WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, outcome.error(), "item " + item);
        assertEquals(9, died.exitCode());
      } else {
        assertEquals(Outcome.success(item * item), outcome, "item " + item);
      }
    }
  }

  /**
   * An item or a value that cannot be serialized fails alone with a
   * {@code TaskSerializationException}; the rest of its chunk comes back.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapOutcomesItemOrValueThatCannotBeSerializedFailsAlone(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    List<Outcome<Object>> outcomes = pool.mapOutcomes(
        (Object x) -> x.equals(3) ? Thread.currentThread() : x, Arrays.asList(1, new Thread("stays here"), 3, 4), 4);
    assertEquals(Outcome.success(1), outcomes.get(0));
    TaskSerializationException item = assertInstanceOf(TaskSerializationException.class, outcomes.get(1).error());
    assertTrue(item.getMessage().contains("java.lang.Thread"), item.getMessage());
    TaskSerializationException value = assertInstanceOf(TaskSerializationException.class, outcomes.get(2).error());
    assertTrue(value.getMessage().contains("result"), value.getMessage());
    assertEquals(Outcome.success(4), outcomes.get(3));
  }

  /**
   * {@code mapOutcomesAsync} returns at once, and its result is successful even when every item
   * failed.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapOutcomesAsyncReturnsAtOnceAndIsAlwaysSuccessful(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    AsyncResult<List<Outcome<Integer>>> result = pool.mapOutcomesAsync(TckTasks::failIfNegative, List.of(-1, -2, -3));
    assertEquals(3, result.get().size());
    assertTrue(result.successful());
    assertTrue(result.get().stream().noneMatch(Outcome::isSuccess));
    assertEquals(List.of(), pool.mapOutcomesAsync(TckTasks::square, List.of(), 5).get());
  }

  /**
   * A chunk size under 1, a {@code null} function and a pool that is shut down each fail
   * {@code mapOutcomes} at once with a clear exception.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void mapOutcomesBadArgumentsAndAStoppedPoolAreClearErrors(Pools pools) {
    Pool pool = pools.start(1);
    IllegalArgumentException badChunksize = assertThrows(IllegalArgumentException.class,
        () -> pool.mapOutcomes(TckTasks::square, range(3), 0));
    assertTrue(badChunksize.getMessage().contains("chunksize"), badChunksize.getMessage());
    assertThrows(NullPointerException.class, () -> pool.mapOutcomesAsync(null, range(3)));
    pool.shutdown();
    IllegalStateException stopped = assertThrows(IllegalStateException.class,
        () -> pool.mapOutcomes(TckTasks::square, range(3)));
    assertTrue(stopped.getMessage().contains("not running"), stopped.getMessage());
  }
}
