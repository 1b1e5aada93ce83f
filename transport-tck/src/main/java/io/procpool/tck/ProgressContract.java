package io.procpool.tck;

import static io.procpool.tck.MapContract.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.Progress;
import io.procpool.ResultIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Per-call progress: exact counts for every call that has it, told on the callback thread. */
public interface ProgressContract extends TransportTestKit {

  /**
   * {@return done, failed and total of {@code progress}: what the tests compare}
   *
   * @param progress the snapshot
   */
  static List<Long> counts(Progress progress) {
    return List.of(progress.done(), progress.failed(), progress.total());
  }

  /**
   * map, starmap, mapOutcomes, applyAsync, imap and imapUnordered count each item once, as done or failed,
   * and a lazy input's total becomes known once it is read to its end.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void everyCallCountsItsItemsExactlyOnceReadyOrIteratedAndALazyTotalOnceKnown(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    AsyncResult<List<Integer>> map = pool.mapAsync(TckTasks::square, range(10), 3);
    map.get();
    assertEquals(List.of(10L, 0L, 10L), counts(map.progress()));
    assertTrue(map.progress().finished());
    AsyncResult<List<Integer>> starmap = pool.starmapAsync(TckTasks::max, List.of(Map.entry(1, 2), Map.entry(5, 3)));
    starmap.get();
    assertEquals(List.of(2L, 0L, 2L), counts(starmap.progress()));
    var outcomes = pool.mapOutcomesAsync(TckTasks::failIfNegative, List.of(1, -2, 3, -4, 5), 2);
    outcomes.get();
    assertEquals(List.of(3L, 2L, 5L), counts(outcomes.progress()), "failures counted within a chunk");
    AsyncResult<Integer> one = pool.applyAsync(TckTasks::square, 4);
    one.get();
    assertEquals(List.of(1L, 0L, 1L), counts(one.progress()));
    AsyncResult<Integer> failedOne = pool.applyAsync(TckTasks::failIfNegative, -1);
    failedOne.waitFor();
    assertEquals(List.of(0L, 1L, 1L), counts(failedOne.progress()));

    AsyncResult<List<Integer>> failedMap = pool.mapAsync(TckTasks::failIfNegative, List.of(1, 2, -3, 4, 5, 6), 2);
    assertThrows(ExecutionException.class, failedMap::get);
    Progress failed = failedMap.progress();
    assertTrue(failed.finished(), "final once ready, every item not done counted failed: " + failed);
    assertEquals(6, failed.total());
    assertTrue(failed.failed() >= 2, "the failed chunk's items at least: " + failed);

    Iterable<Integer> lazy = () -> IntStream.range(0, 1200).map(i -> i == 7 ? -7 : i).iterator(); // not a Collection
    try (ResultIterator<Integer> results = pool.imap(TckTasks::failIfNegative, lazy)) {
      assertEquals(Progress.UNKNOWN, results.progress().total(), "two workers read 512 items ahead, of 1200");
      assertEquals(1, drain(results));
      assertEquals(List.of(1199L, 1L, 1200L), counts(results.progress()));
    }
    try (ResultIterator<Integer> results = pool.imapUnordered(TckTasks::failIfNegative, List.of(-1, 2, -3, 4), 2)) {
      assertEquals(4, results.progress().total(), "a Collection's size is known at once");
      assertEquals(2, drain(results));
      assertEquals(List.of(2L, 2L, 4L), counts(results.progress()));
    }
  }

  /** Takes every result; returns how many failed. */
  private static int drain(ResultIterator<?> results) {
    int failures = 0;
    while (results.hasNext()) {
      try {
        results.next();
      } catch (CompletionException expected) {
        failures++;
      }
    }
    return failures;
  }

  /**
   * Progress listeners run on the pool's callback thread, and the last call they get has every item settled.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void listenersAreToldOnTheCallbackThreadAndLastOfAllWhenEveryItemSettled(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    Recorder ofMap = new Recorder();
    AsyncResult<List<Integer>> map = pool.mapAsync(TckTasks::square, range(40), 4).onProgress(ofMap);
    map.get();
    ofMap.assertEndedFinished(List.of(40L, 0L, 40L));

    Recorder ofImap = new Recorder();
    try (ResultIterator<Integer> results = pool.imap(TckTasks::failIfNegative, List.of(1, -2, 3)).onProgress(ofImap)) {
      assertEquals(1, drain(results));
    }
    ofImap.assertEndedFinished(List.of(2L, 1L, 3L));

    Recorder ofApply = new Recorder();
    pool.applyAsync(TckTasks::square, 3).onProgress(ofApply).get();
    ofApply.assertEndedFinished(List.of(1L, 0L, 1L));

    Recorder late = new Recorder();
    map.onProgress(late); // registered after the end: told once, the final progress
    late.assertEndedFinished(List.of(40L, 0L, 40L));
  }

  /** Records what a listener is told, and on which thread. */
  final class Recorder implements Consumer<Progress> {
    private final List<Progress> told = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private final CompletableFuture<Progress> finished = new CompletableFuture<>();

    @Override
    public synchronized void accept(Progress progress) {
      told.add(progress);
      threads.add(Thread.currentThread().getName());
      if (progress.finished()) {
        finished.complete(progress);
      }
    }

    /**
     * Waits for the final progress, then checks, once what was queued on the callback thread
     * behind it has run, that nothing came after it, that the counts never went back, and that
     * every call ran on the callback thread.
     */
    void assertEndedFinished(List<Long> expected) throws Exception {
      assertEquals(expected, counts(finished.get(30, TimeUnit.SECONDS)));
      List<Progress> seen;
      List<String> on;
      synchronized (this) {
        seen = List.copyOf(told);
        on = List.copyOf(threads);
      }
      assertEquals(expected, counts(seen.get(seen.size() - 1)), "the last call is the final one: " + seen);
      for (int i = 1; i < seen.size(); i++) {
        assertTrue(seen.get(i).settled() >= seen.get(i - 1).settled(), "counts never go back: " + seen);
      }
      assertEquals(1, seen.stream().filter(Progress::finished).count(), "told the end once: " + seen);
      assertTrue(on.stream().allMatch("procpool-callbacks"::equals), "on the callback thread: " + on);
    }
  }
}
