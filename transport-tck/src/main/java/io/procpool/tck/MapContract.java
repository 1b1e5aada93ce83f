package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** map and mapAsync: every item, in order, spread in chunks over the workers. */
public interface MapContract extends TransportTestKit {

  /**
   * The numbers from 0, as the tests' items.
   *
   * @param n how many
   * @return 0 to {@code n - 1}, in order, in a new list
   */
  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }

  /**
   * {@code map} returns a thousand values in the order of the items.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapReturnsValuesInItemOrder(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<Integer> expected = range(1000).stream().map(x -> x * x).collect(Collectors.toList());
    assertEquals(expected, pool.map(TckTasks::square, range(1000)));
  }

  /**
   * {@code map} keeps the order with a chunk size that does not divide the items, and with one
   * larger than them all.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapWithChunksizeKeepsOrder(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    assertEquals(List.of(0, 1, 4, 9, 16, 25, 36), pool.map(TckTasks::square, range(7), 3));
    assertEquals(List.of(0, 1, 4), pool.map(TckTasks::square, range(3), 100));
  }

  /**
   * {@code map} of no items is an empty list.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapOfNoItemsIsEmpty(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    assertEquals(List.of(), pool.map(TckTasks::square, new ArrayList<Integer>()));
  }

  /**
   * {@code map} takes any {@code Iterable}, not only a list.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapTakesAnyIterable(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    Iterable<Integer> items = () -> range(5).iterator();
    assertEquals(List.of(0, 1, 4, 9, 16), pool.map(TckTasks::square, items));
  }

  /**
   * {@code mapAsync} returns at once, and its result is the list of values.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapAsyncReturnsAtOnceThenTheList(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    AsyncResult<List<Integer>> result = pool.mapAsync(x -> TckTasks.sleepThenReturn(100, x), range(10), 1);
    assertEquals(range(10), result.get());
  }

  /**
   * {@code map} spreads its chunks over the workers: four slow chunks on two workers run on both.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapSpreadsChunksOverWorkers(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<String> names = pool.map(x -> TckTasks.nameAfter(500), range(4), 1);
    assertEquals(2, new HashSet<>(names).size(), "4 slow chunks on 2 workers ran on " + names);
  }

  /**
   * {@code map} fails with the failing item's exception as the cause.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void mapFailsWithTheItemsException(Pools pools) {
    Pool pool = pools.start(2);
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> pool.map(TckTasks::failIfNegative, List.of(1, 2, -3, 4), 1));
    assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    assertEquals("negative: -3", failure.getCause().getMessage());
  }

  /**
   * {@code map}'s list can be set and sorted but not grown, and can itself be sent to a task.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapReturnsAFixedSizeListThatCanBeSentToATask(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<Integer> squares = pool.map(TckTasks::square, range(5), 2);
    squares.set(0, 100);
    squares.sort(null);
    assertEquals(List.of(1, 4, 9, 16, 100), squares);
    assertThrows(UnsupportedOperationException.class, () -> squares.add(25));
    assertEquals(130, pool.apply(TckTasks::sum, squares), "the list as a task's argument");
  }

  /**
   * {@code map} gives back each value as it was, whatever its type, in chunks of numbers of one
   * type (which travel as bytes), of several types, with nulls, and of other objects; a list of
   * numbers can take a value of another type.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void mapKeepsEveryValueWhateverItsTypeAndChunk(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<Object> items = new ArrayList<>(Arrays.asList(Long.MIN_VALUE, -1L, Long.MAX_VALUE,
        Double.NaN, -0.0, Double.MAX_VALUE, Integer.MIN_VALUE, -1, Integer.MAX_VALUE,
        1, 2L, 3.0, 4, 5, "six", 7, null, 8, "nine", List.of(10), 'c'));
    assertEquals(items, pool.map(TckTasks::same, items, 3));
    List<Object> numbers = pool.map(TckTasks::same, new ArrayList<>(range(10)), 4);
    numbers.set(5, "five");
    numbers.set(6, 60);
    assertEquals(List.of(0, 1, 2, 3, 4, "five", 60, 7, 8, 9), numbers);
  }

  /**
   * A chunk size under 1 is refused with an {@code IllegalArgumentException} naming it.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void chunksizeBelowOneIsRejected(Pools pools) {
    Pool pool = pools.start(1);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> pool.map(TckTasks::square, range(3), 0));
    assertTrue(error.getMessage().contains("chunksize"), error.getMessage());
  }
}
