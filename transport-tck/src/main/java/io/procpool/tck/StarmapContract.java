package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** starmap: a two-argument function applied to each pair, as Python's starmap. */
public interface StarmapContract extends TransportTestKit {

  /**
   * {@code starmap} applies the two-argument function to each pair and returns the values in the
   * order of the pairs.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void starmapAppliesTheFunctionToEachPairInOrder(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    assertEquals(List.of(2, 5), pool.starmap(Math::max, List.of(Map.entry(1, 2), Map.entry(5, 3))));
    List<Map.Entry<Integer, Integer>> pairs = new ArrayList<>();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      pairs.add(Map.entry(i, 50 - i));
      expected.add(Math.max(i, 50 - i));
    }
    assertEquals(expected, pool.starmap(TckTasks::max, pairs, 7));
  }

  /**
   * {@code starmap} takes a map's entries, and pairs with a {@code null} key or value.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void starmapTakesTheEntriesOfAMapAndNullHalves(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    Map<String, Integer> times = new LinkedHashMap<>();
    times.put("ab", 2);
    times.put("c", 3);
    assertEquals(List.of("abab", "ccc"), pool.starmap(TckTasks::repeat, times.entrySet()));
    assertEquals(List.of("null:x"), pool.starmap((String a, String b) -> a + ":" + b, List.of(new SimpleEntry<>(null, "x"))));
  }

  /**
   * {@code starmapAsync} returns at once, and its result is the list of values.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void starmapAsyncReturnsAtOnceThenTheList(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<List<Integer>> result = pool.starmapAsync(TckTasks::sleepThenReturn, List.of(Map.entry(300L, 4)), 1);
    assertEquals(List.of(4), result.get());
  }

  /**
   * {@code starmap} fails with the failing pair's exception as the cause.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void starmapFailsWithThePairsException(Pools pools) {
    Pool pool = pools.start(1);
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> pool.starmap((Integer a, Integer b) -> TckTasks.failIfNegative(a - b), List.of(Map.entry(3, 1), Map.entry(1, 3))));
    assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    assertEquals("negative: -2", failure.getCause().getMessage());
  }

  /**
   * A {@code null} pair (named by its index), a chunk size under 1 and a pool that is shut down
   * each fail {@code starmap} with a clear exception.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void starmapBadArgumentsAreClearErrors(Pools pools) {
    Pool pool = pools.start(1);
    NullPointerException nullPair = assertThrows(NullPointerException.class,
        () -> pool.starmapAsync(TckTasks::max, Arrays.asList(Map.entry(1, 2), null)));
    assertTrue(nullPair.getMessage().contains("pair 1"), nullPair.getMessage());
    IllegalArgumentException badChunksize = assertThrows(IllegalArgumentException.class,
        () -> pool.starmap(TckTasks::max, List.of(Map.entry(1, 2)), 0));
    assertTrue(badChunksize.getMessage().contains("chunksize"), badChunksize.getMessage());
    pool.shutdown();
    assertThrows(IllegalStateException.class, () -> pool.starmap(TckTasks::max, List.of(Map.entry(1, 2))));
  }
}
