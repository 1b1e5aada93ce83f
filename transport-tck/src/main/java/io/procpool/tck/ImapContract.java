package io.procpool.tck;

import static io.procpool.tck.MapContract.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.WorkerDiedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * imap and imapUnordered: results one at a time, each item's failure its own, and the input read
 * lazily, at most 16 chunks or 256 items per worker (whichever is more) ahead of the consumer.
 */
public interface ImapContract extends TransportTestKit {

  /**
   * How many items imap may have read beyond those whose results were taken.
   *
   * @param pool the pool, for its number of workers
   * @param chunksize the items per chunk
   * @return the most items imap may read ahead of the consumer
   */
  static int readAhead(Pool pool, int chunksize) {
    return pool.size() * Math.max(16, 256 / chunksize) * chunksize;
  }

  /**
   * The squares of a range, as the tests' tasks compute them.
   *
   * @param from the first number
   * @param to the number after the last
   * @return the squares of {@code from} up to {@code to}, exclusive
   */
  static List<Integer> squares(int from, int to) {
    return range(to).subList(from, to).stream().map(TckTasks::square).collect(Collectors.toList());
  }

  /**
   * Takes every remaining result, in order.
   *
   * @param results the iterator to drain
   * @return the results, in the order they came
   */
  static List<Integer> drain(Iterator<Integer> results) {
    List<Integer> values = new ArrayList<>();
    results.forEachRemaining(values::add);
    return values;
  }

  /**
   * {@code imap} yields the results in the order of the items, with the default chunk size and with
   * 7.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void imapYieldsResultsInInputOrder(Pools pools) {
    Pool pool = pools.start(2);
    try (ResultIterator<Integer> results = pool.imap(TckTasks::square, range(100))) {
      assertEquals(squares(0, 100), drain(results));
    }
    try (ResultIterator<Integer> results = pool.imap(TckTasks::square, range(100), 7)) {
      assertEquals(squares(0, 100), drain(results));
    }
  }

  /**
   * {@code imapUnordered} yields every item's result exactly once.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void imapUnorderedYieldsEveryResultOnce(Pools pools) {
    Pool pool = pools.start(2);
    try (ResultIterator<Integer> results = pool.imapUnordered(TckTasks::square, range(100), 3)) {
      List<Integer> values = drain(results);
      Collections.sort(values);
      assertEquals(squares(0, 100), values);
    }
  }

  /**
   * {@code imapUnordered} yields a result as soon as it is done, ahead of an earlier item still
   * running.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void imapUnorderedYieldsInCompletionOrder(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    try (FileLatch latch = FileLatch.create()) {
      String path = latch.path();
      ResultIterator<Integer> results =
          pool.imapUnordered(x -> x == 0 ? TckTasks.valueWhenReleased(path, 0) : x, List.of(0, 1));
      assertEquals(1, results.next(20, TimeUnit.SECONDS), "item 1 is done while item 0 waits");
      latch.release();
      assertEquals(0, results.next(20, TimeUnit.SECONDS));
      assertFalse(results.hasNext());
    }
  }

  /**
   * A timed {@code next} that runs out throws a {@code TimeoutException} saying how long it waited,
   * and the item keeps its place.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void imapNextWithTimeoutTimesOutAndTheItemKeepsItsPlace(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    try (FileLatch latch = FileLatch.create()) {
      String path = latch.path();
      ResultIterator<Integer> results = pool.imap(x -> TckTasks.valueWhenReleased(path, x), List.of(7, 8));
      TimeoutException timeout = assertThrows(TimeoutException.class, () -> results.next(100, TimeUnit.MILLISECONDS));
      assertTrue(timeout.getMessage().contains("100 milliseconds"), timeout.getMessage());
      latch.release();
      assertEquals(7, results.next(20, TimeUnit.SECONDS));
      assertEquals(8, results.next(20, TimeUnit.SECONDS));
      assertThrows(NoSuchElementException.class, () -> results.next(1, TimeUnit.SECONDS));
    }
  }

  /**
   * A failed item throws a {@code CompletionException} at its place, with the task's exception as
   * cause, and the iteration goes on, whatever the chunk size.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void imapFailedItemThrowsAtItsPlaceAndIterationGoesOn(Pools pools) {
    Pool pool = pools.start(2);
    for (int chunksize : new int[] {1, 3}) {
      ResultIterator<Integer> results = pool.imap(TckTasks::failIfNegative, List.of(1, -2, 3), chunksize);
      assertEquals(1, results.next());
      CompletionException failure = assertThrows(CompletionException.class, results::next);
      IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, failure.getCause());
      assertEquals("negative: -2", cause.getMessage());
      assertEquals(3, results.next(), "chunksize " + chunksize);
      assertFalse(results.hasNext());
    }
  }

  /**
   * A worker that dies fails only the items of its chunk, with a {@code WorkerDiedException}; later
   * chunks run on the replacement.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void imapWorkerThatDiesFailsTheItemsOfItsChunkOnly(Pools pools) {
    Pool pool = pools.start(1);
    ResultIterator<Integer> results = pool.imap(x -> TckTasks.squareOrHaltAt(x, 4), range(9), 3);
    assertEquals(squares(0, 3), List.of(results.next(), results.next(), results.next()));
    for (int item = 3; item < 6; item++) {
      CompletionException failure = assertThrows(CompletionException.class, results::next);
      assertInstanceOf(WorkerDiedException.class, failure.getCause(), "item " + item);
    }
    assertEquals(squares(6, 9), drain(results));
  }

  /**
   * The iterator's stream view yields the results in order.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void imapStreamViewYieldsTheResults(Pools pools) {
    Pool pool = pools.start(2);
    try (Stream<Integer> squares = pool.imap(TckTasks::square, range(20), 4).stream()) {
      assertEquals(squares(0, 20), squares.collect(Collectors.toList()));
    }
  }

  /**
   * An endless input is read lazily, no further than the read-ahead bound, and only on the
   * consumer's thread.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void imapReadsAnEndlessInputLazilyAndOnlyOnTheConsumersThread(Pools pools) {
    Pool pool = pools.start(2);
    CountingIterator endless = new CountingIterator();
    try (ResultIterator<Integer> results = pool.imap(TckTasks::square, () -> endless, 2)) {
      for (int i = 0; i < 10; i++) {
        assertEquals(i * i, results.next());
      }
      assertTrue(endless.handedOut() >= 10);
      assertTrue(endless.handedOut() <= 10 + readAhead(pool, 2),
          "read " + endless.handedOut() + " items for 10 results");
    }
    assertEquals(Set.of(Thread.currentThread()), endless.readers());
  }

  /**
   * Closing the iterator stops reading the input, and the chunks still in flight do not disturb the
   * pool.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void imapClosingStopsReadingTheInput(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    CountingIterator endless = new CountingIterator();
    ResultIterator<Integer> results = pool.imapUnordered(TckTasks::square, () -> endless);
    for (int i = 0; i < readAhead(pool, 1); i++) {
      results.next(); // past the point where it reads more
    }
    results.close();
    int read = endless.handedOut();
    assertFalse(results.hasNext());
    assertThrows(NoSuchElementException.class, results::next);
    assertEquals(read, endless.handedOut());
    assertEquals(9, pool.apply(TckTasks::square, 3), "the chunks in flight did not disturb the pool");
  }

  /**
   * Closing the iterator cancels the chunks sent ahead that have not begun, so most of them never
   * run.
   *
   * @param pools the test's pools, terminated after it
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void imapClosingCancelsTheChunksNotBegun(Pools pools, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path log = dir.resolve("runs.log");
    Pool pool = pools.start(1);
    ResultIterator<String> results = pool.imap(i -> TckTasks.recordRunAfter(log, i, 100), range(20), 1);
    results.next();
    results.close();
    pool.close(); // every task the pool still holds runs before close returns
    int runs = java.nio.file.Files.readAllLines(log).size();
    assertTrue(runs < 8, runs + " of the 16 chunks sent ahead ran after close; those not begun should not");
  }

  /**
   * Closing the stream view closes the iterator and stops reading the input.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void imapClosingTheStreamStopsReadingTheInput(Pools pools) {
    Pool pool = pools.start(1);
    CountingIterator endless = new CountingIterator();
    ResultIterator<Integer> results = pool.imap(TckTasks::square, () -> endless);
    try (Stream<Integer> squares = results.stream()) {
      assertEquals(squares(0, 5), squares.limit(5).collect(Collectors.toList()));
    }
    int read = endless.handedOut();
    assertFalse(results.hasNext());
    assertEquals(read, endless.handedOut());
  }

  /**
   * An input that throws ends the iteration with that exception, after the results of the items
   * read before it.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void imapInputThatFailsEndsTheIterationAfterTheItemsReadBefore(Pools pools) {
    Pool pool = pools.start(1);
    Iterable<Integer> failsAtFive = () -> Stream.iterate(0, i -> i + 1).peek(i -> {
      if (i == 5) {
        throw new IllegalStateException("input broke at 5");
      }
    }).iterator();
    ResultIterator<Integer> results = pool.imap(TckTasks::square, failsAtFive);
    assertEquals(squares(0, 5), List.of(results.next(), results.next(), results.next(), results.next(), results.next()));
    IllegalStateException failure = assertThrows(IllegalStateException.class, results::next);
    assertEquals("input broke at 5", failure.getMessage());
    assertFalse(results.hasNext());
  }

  /**
   * An iteration over a pool shut down midway delivers the results of the items it had submitted,
   * in order, then throws an {@code IllegalStateException} saying the pool is not running.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void imapOnAPoolShutDownMidwayDeliversWhatItAcceptedThenSaysItIsNotRunning(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    ResultIterator<Integer> results = pool.imap(TckTasks::square, range(10 * readAhead(pool, 1)));
    assertEquals(0, results.next());
    pool.shutdown();
    List<Integer> delivered = new ArrayList<>();
    IllegalStateException notRunning = assertThrows(IllegalStateException.class, () -> {
      while (results.hasNext()) {
        delivered.add(results.next());
      }
    });
    assertTrue(notRunning.getMessage().contains("not running"), notRunning.getMessage());
    assertFalse(delivered.isEmpty());
    assertEquals(squares(1, 1 + delivered.size()), delivered);
    assertFalse(results.hasNext());
    pool.join();
  }

  /**
   * A chunk size under 1, a {@code null} function or input, and a pool that is shut down each fail
   * {@code imap} at once with a clear exception.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void imapBadArgumentsAndAStoppedPoolAreClearErrors(Pools pools) {
    Pool pool = pools.start(1);
    IllegalArgumentException badChunksize = assertThrows(IllegalArgumentException.class,
        () -> pool.imap(TckTasks::square, range(3), 0));
    assertTrue(badChunksize.getMessage().contains("chunksize"), badChunksize.getMessage());
    assertThrows(IllegalArgumentException.class, () -> pool.imapUnordered(TckTasks::square, range(3), -1));
    assertThrows(NullPointerException.class, () -> pool.imap(null, range(3)));
    assertThrows(NullPointerException.class, () -> pool.imap(TckTasks::square, null));
    pool.shutdown();
    IllegalStateException stopped = assertThrows(IllegalStateException.class,
        () -> pool.imapUnordered(TckTasks::square, List.of()));
    assertTrue(stopped.getMessage().contains("not running"), stopped.getMessage());
  }
}
