package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Progress;
import io.procpool.TaskFunction;
import io.procpool.core.internal.pool.ItemProgress;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The imap iterator against a pool stand-in whose tasks the test runs, here, when it chooses. */
class LazyResultIteratorTest {
  private final TaskFactory tasks = new TaskFactory();
  private final List<PendingTask> submitted = new ArrayList<>();
  private int submitCalls;
  private boolean running = true;

  /** 0, 1, 2, ... for ever; counts what it handed out. */
  private static final class Counter implements Iterator<Integer> {
    int handedOut;

    @Override
    public boolean hasNext() {
      return true;
    }

    @Override
    public Integer next() {
      return handedOut++;
    }
  }

  static Object failIfNegative(Object x) {
    if ((Integer) x < 0) {
      throw new IllegalArgumentException("negative: " + x);
    }
    return x;
  }

  private void submit(List<PendingTask> batch) {
    if (!running) {
      throw new IllegalStateException("Pool not running");
    }
    submitCalls++;
    submitted.addAll(batch);
    batch.forEach(task -> task.result.whenComplete((value, error) -> task.tellSettled())); // as the pool's AcceptedWork does
  }

  private LazyResultIterator<Integer> iterate(Iterator<?> items, int chunksize, ChunkOrder order, int window) {
    ItemChunks chunks = ItemChunks.of(tasks, (TaskFunction<Object, Object>) LazyResultIteratorTest::failIfNegative);
    return LazyResultIterator.start(new ChunkedInput(items, chunksize), chunks, order, this::submit, task -> { },
        window, ItemProgress.of(null, Progress.UNKNOWN)); // counted, never listened to
  }

  private void runTask(int index) {
    InProcessWorker.run(submitted.get(index));
  }

  private void runAll() {
    submitted.stream().filter(task -> !task.result.isDone()).forEach(InProcessWorker::run);
  }

  @Test
  void readsAtMostTheWindowAheadAndRefillsInOneBatchOnceHalfEmpty() {
    Counter counter = new Counter();
    LazyResultIterator<Integer> results = iterate(counter, 2, ChunkOrder.ofInput(), 4);
    assertEquals(8, counter.handedOut, "4 chunks of 2");
    assertEquals(1, submitCalls);
    runAll();
    assertEquals(List.of(0, 1), List.of(results.next(), results.next()));
    assertTrue(results.hasNext());
    assertEquals(8, counter.handedOut, "3 chunks still in flight: more than half the window");
    assertEquals(List.of(2, 3), List.of(results.next(), results.next()));
    assertTrue(results.hasNext());
    assertEquals(12, counter.handedOut, "topped up to 4 chunks");
    assertEquals(2, submitCalls, "in one submit");
  }

  @Test
  void inputOrderWaitsForTheFirstChunkEvenWhenLaterOnesAreDone() throws Exception {
    LazyResultIterator<Integer> results = iterate(List.of(10, 11).iterator(), 1, ChunkOrder.ofInput(), 4);
    runTask(1);
    TimeoutException timeout = assertThrows(TimeoutException.class, () -> results.next(10, TimeUnit.MILLISECONDS));
    assertEquals("no result within 10 milliseconds", timeout.getMessage());
    runTask(0);
    assertEquals(10, results.next(0, TimeUnit.SECONDS));
    assertEquals(11, results.next());
    assertFalse(results.hasNext());
  }

  @Test
  void completionOrderHandsOutWhicheverChunkIsDoneFirstKeepingItsItemsInOrder() throws Exception {
    LazyResultIterator<Integer> results = iterate(List.of(1, 2, 3, 4).iterator(), 2, ChunkOrder.ofCompletion(), 4);
    assertThrows(TimeoutException.class, () -> results.next(10, TimeUnit.MILLISECONDS));
    runTask(1);
    assertEquals(List.of(3, 4), List.of(results.next(), results.next()));
    runTask(0);
    assertEquals(List.of(1, 2), List.of(results.next(), results.next()));
    assertFalse(results.hasNext());
  }

  @Test
  void aFailedItemThrowsAtItsPlaceAndTheNextItemFollows() {
    LazyResultIterator<Integer> results = iterate(List.of(1, -2, 3).iterator(), 3, ChunkOrder.ofInput(), 4);
    runAll();
    assertEquals(1, results.next());
    CompletionException failure = assertThrows(CompletionException.class, results::next);
    assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    assertEquals(3, results.next());
    assertFalse(results.hasNext());
    assertThrows(NoSuchElementException.class, results::next);
  }

  @Test
  void anInputFailureComesAfterTheResultsOfTheItemsReadBeforeItThenTheIterationEnds() {
    IllegalStateException broken = new IllegalStateException("input broken");
    for (ChunkOrder order : List.of(ChunkOrder.ofInput(), ChunkOrder.ofCompletion())) {
      submitted.clear();
      Iterator<Integer> failsAtThree = Stream.iterate(0, i -> i + 1)
          .peek(i -> {
            if (i == 3) {
              throw broken;
            }
          }).iterator();
      LazyResultIterator<Integer> results = iterate(failsAtThree, 2, order, 4);
      runAll();
      assertEquals(List.of(0, 1, 2), List.of(results.next(), results.next(), results.next()));
      assertTrue(results.hasNext());
      assertSame(broken, assertThrows(IllegalStateException.class, results::next));
      assertFalse(results.hasNext());
    }
  }

  @Test
  void aPoolThatStopsBeforeARefillFailsOnlyAfterTheResultsAlreadySubmitted() {
    LazyResultIterator<Integer> results = iterate(new Counter(), 1, ChunkOrder.ofInput(), 2);
    running = false;
    runAll();
    assertEquals(0, results.next());
    assertEquals(1, results.next());
    IllegalStateException notRunning = assertThrows(IllegalStateException.class, results::next);
    assertEquals("Pool not running", notRunning.getMessage());
    assertFalse(results.hasNext());
  }

  @Test
  void aPoolThatIsNotRunningRefusesAtOnceEvenWithNoItems() {
    running = false;
    assertThrows(IllegalStateException.class, () -> iterate(List.of().iterator(), 1, ChunkOrder.ofInput(), 4));
  }

  @Test
  void closeStopsReadingAndEndsTheIteration() {
    Counter counter = new Counter();
    LazyResultIterator<Integer> results = iterate(counter, 1, ChunkOrder.ofInput(), 4);
    runAll();
    assertEquals(0, results.next());
    results.close();
    assertFalse(results.hasNext());
    NoSuchElementException closed = assertThrows(NoSuchElementException.class, results::next);
    assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    assertEquals(4, counter.handedOut);
    results.close();
  }

  @Test
  void closingTheStreamClosesTheIterator() {
    LazyResultIterator<Integer> results = iterate(new Counter(), 1, ChunkOrder.ofInput(), 4);
    runAll();
    try (Stream<Integer> stream = results.stream()) {
      assertEquals(List.of(0, 1), stream.limit(2).toList());
    }
    assertFalse(results.hasNext());
  }

  @Test
  void anInterruptedNextThrowsCancellationAndTheItemKeepsItsPlace() {
    LazyResultIterator<Integer> results = iterate(List.of(5).iterator(), 1, ChunkOrder.ofInput(), 4);
    Thread.currentThread().interrupt();
    CancellationException cancelled = assertThrows(CancellationException.class, results::next);
    assertInstanceOf(InterruptedException.class, cancelled.getCause());
    assertTrue(Thread.interrupted(), "the interrupt status is set again");
    runAll();
    assertEquals(5, results.next());
  }

  @Test
  void noItemsMeansNoResults() {
    LazyResultIterator<Integer> results = iterate(List.of().iterator(), 1, ChunkOrder.ofCompletion(), 4);
    assertFalse(results.hasNext());
    NoSuchElementException none = assertThrows(NoSuchElementException.class, results::next);
    assertEquals("no more results", none.getMessage());
    assertEquals(0, submitted.size());
  }

  @Test
  void progressCountsChunksAsTheySettleAndLearnsTheTotalWhenTheInputEnds() {
    LazyResultIterator<Integer> results = iterate(List.of(1, -2, 3, 4, 5).iterator(), 2, ChunkOrder.ofInput(), 2);
    assertEquals(List.of(0L, 0L, Progress.UNKNOWN), counts(results.progress()), "4 of 5 items read");
    runTask(0);
    assertEquals(List.of(1L, 1L, Progress.UNKNOWN), counts(results.progress()), "a chunk is counted as it settles");
    assertEquals(1, results.next());
    assertThrows(CompletionException.class, results::next);
    assertTrue(results.hasNext()); // refills, and the short chunk shows the input is exhausted
    assertEquals(List.of(1L, 1L, 5L), counts(results.progress()));
    runAll();
    List<Integer> rest = new ArrayList<>();
    results.forEachRemaining(rest::add);
    assertEquals(List.of(3, 4, 5), rest);
    assertEquals(List.of(4L, 1L, 5L), counts(results.progress()));
    assertTrue(results.progress().finished());
  }

  @Test
  void closeMakesTheItemsReadTheTotal() {
    LazyResultIterator<Integer> results = iterate(new Counter(), 1, ChunkOrder.ofInput(), 4);
    runAll();
    assertEquals(0, results.next());
    results.close();
    assertEquals(List.of(4L, 0L, 4L), counts(results.progress()));
  }

  private static List<Long> counts(Progress progress) {
    return List.of(progress.done(), progress.failed(), progress.total());
  }
}
