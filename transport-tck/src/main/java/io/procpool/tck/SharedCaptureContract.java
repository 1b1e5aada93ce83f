package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.CurrentProcess;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.Shared;
import io.procpool.TaskSerializationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A large value a task's lambda captures goes to each worker once, however many tasks, chunks or
 * calls capture it, and each worker decodes it once: the bytes the pool sends stay near one copy
 * per worker, where sending it with every task would send it hundreds of times.
 */
public interface SharedCaptureContract extends TransportTestKit {
  /** About 400 kB encoded: well above the size from which a capture is shared (64 KiB). */
  int CAPTURED_STRINGS = 30_000;

  /**
   * A large value captured by apply, map, starmap, imap and mapOutcomes tasks is sent about once per worker, not once per task.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aLargeCaptureIsSentToEachWorkerOnceAcrossCallsChunksAndItems(Pools pools) throws Exception {
    CountingTransport transport = new CountingTransport(transportModule());
    Pool pool = pools.register(pools.builder(2).transport(transport.module()).build());
    List<String> big = bigList();
    long oneCopy = encodedSize(big);

    for (int i = 0; i < 10; i++) {
      int offset = i;
      assertEquals(CAPTURED_STRINGS + offset, (int) pool.apply(() -> big.size() + offset));
    }
    List<Integer> items = IntStream.range(0, 100).boxed().collect(Collectors.toList());
    List<Integer> expected = items.stream().map(x -> x + big.get(x).length()).collect(Collectors.toList());
    assertEquals(expected, pool.map(x -> x + big.get(x).length(), items, 1));
    assertEquals(expected, pool.starmap((x, y) -> x + big.get(y).length(), pairsOf(items), 3));
    try (ResultIterator<Integer> lengths = pool.imap(x -> x + big.get(x).length(), items)) {
      List<Integer> streamed = new ArrayList<>();
      lengths.forEachRemaining(streamed::add);
      assertEquals(expected, streamed);
    }
    List<Outcome<Integer>> outcomes = pool.mapOutcomes(x -> x + big.get(x).length(), items, 7);
    assertEquals(expected, outcomes.stream().map(Outcome::value).collect(Collectors.toList()));

    long sent = transport.bytesSent();
    assertTrue(sent < 2 * pool.size() * oneCopy,
        "sent " + sent + " bytes for 410 tasks that capture a value of " + oneCopy + " bytes: more than"
            + " two copies per worker (" + pool.size() + " workers)");
  }

  /**
   * A worker decodes a large capture once: all its tasks see the same object.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void tasksOfOneWorkerShareOneDecodedCopyOfALargeCapture(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    List<String> big = bigList();
    List<String> seen = pool.map(x -> CurrentProcess.name() + " " + System.identityHashCode(big),
        IntStream.range(0, 40).boxed().collect(Collectors.toList()), 1);
    Map<String, Set<String>> copiesByWorker = new HashMap<>();
    for (String line : seen) {
      String[] parts = line.split(" ");
      copiesByWorker.computeIfAbsent(parts[0], name -> new HashSet<>()).add(parts[1]);
    }
    copiesByWorker.forEach((worker, copies) ->
        assertEquals(1, copies.size(), worker + " decoded the capture more than once: " + copies));
  }

  /**
   * A small capture is copied into each task, so a task that changes it changes only its own copy.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aSmallCaptureStillTravelsWithEachTaskAndIsItsOwnCopy(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    List<Integer> small = new ArrayList<>(List.of(1, 2, 3));
    List<Integer> sizes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sizes.add(pool.apply(() -> {
        small.add(0); // changes the worker's copy only: the next task gets a fresh one
        return small.size();
      }));
    }
    assertEquals(List.of(4, 4, 4), sizes);
  }

  /**
   * A Pool.share handle, captured by 60 apply calls or passed as their argument or as imap items, is sent about once per worker.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aSharedValueIsSentToEachWorkerOnceHoweverManyCallsCaptureOrTakeIt(Pools pools) throws Exception {
    CountingTransport transport = new CountingTransport(transportModule());
    Pool pool = pools.register(pools.builder(2).transport(transport.module()).build());
    List<String> big = bigList();
    Shared<List<String>> table = pool.share(big);
    for (int i = 0; i < 40; i++) {
      int index = i;
      assertEquals(big.get(index), pool.apply(() -> table.get().get(index)));
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(CAPTURED_STRINGS, (int) pool.apply(shared -> shared.get().size(), table));
    }
    try (ResultIterator<Integer> sizes = pool.imap(shared -> shared.get().size(), List.of(table, table, table))) {
      sizes.forEachRemaining(size -> assertEquals(CAPTURED_STRINGS, size));
    }
    long sent = transport.bytesSent();
    assertTrue(sent < 2 * pool.size() * encodedSize(big),
        "sent " + sent + " bytes for 63 tasks that use a shared value of about " + encodedSize(big) + " bytes");
  }

  /**
   * A handle holds the value as it was when it was shared; sharing again takes the value as it is now.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aSharedValueIsWhatTheObjectHeldWhenItWasShared(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    List<String> names = new ArrayList<>(List.of("a", "b"));
    Shared<List<String>> before = pool.share(names);
    names.add("c");
    assertEquals(List.of("a", "b"), pool.apply(() -> before.get()));
    Shared<List<String>> after = pool.share(names);
    assertEquals(List.of("a", "b", "c"), pool.apply(() -> after.get()), "shared again: the value now");
    assertEquals(List.of("a", "b"), pool.apply(() -> before.get()), "the first handle still holds its value");
  }

  /**
   * A value that cannot be serialized is refused by share() itself, with an exception that says so.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void aValueThatCannotBeSharedIsRefusedAtShareNamingItsType(Pools pools) {
    Pool pool = pools.start(1);
    TaskSerializationException refused = assertThrows(TaskSerializationException.class,
        () -> pool.share(List.of(new Object() { final Thread thread = new Thread(); })));
    assertTrue(refused.getMessage().contains("shared value"), refused.getMessage());
  }

  /**
   * A task that returns its worker's handle fails, saying why, and the worker serves on.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aTaskThatReturnsItsWorkersCopyOfASharedValueFailsSayingWhy(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    Shared<String> word = pool.share("hello");
    ExecutionException failed = assertThrows(ExecutionException.class, () -> pool.apply(shared -> shared, word));
    assertTrue(String.valueOf(failed.getCause().getMessage()).contains("cannot be sent on"), String.valueOf(failed.getCause()));
    assertEquals(5, (int) pool.apply(shared -> shared.get().length(), word), "the worker serves on");
  }

  private static List<String> bigList() {
    List<String> big = new ArrayList<>(CAPTURED_STRINGS);
    for (int i = 0; i < CAPTURED_STRINGS; i++) {
      big.add("item-" + i);
    }
    return big;
  }

  private static List<Map.Entry<Integer, Integer>> pairsOf(List<Integer> items) {
    return items.stream().map(x -> Map.entry(x, x)).collect(Collectors.toList());
  }

  /** Roughly what the value takes on the wire: its Java serialization is within a small factor. */
  private static long encodedSize(List<String> value) {
    long bytes = 0;
    for (String s : value) {
      bytes += s.length() + 1;
    }
    return bytes;
  }
}
