package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import io.procpool.AsyncResult;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.TaskSerializationException;
import io.procpool.WorkerStartException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A message over the transport's frame limit, either way, fails its own task with a
 * {@link TaskSerializationException} that names its size and the limit, and is never sent: the
 * peer would end the connection over it, and the worker with it. So the worker lives on, under its
 * name. What a worker prints is cut into frames that fit, and tasks that fit one by one go in
 * frames that fit, however many are sent together. Needs {@link TransportCapability#FRAME_LIMIT}:
 * where {@link #transportModuleWithFrameLimit} gives no module, these tests are skipped and reported.
 */
public interface FrameLimitContract extends TransportTestKit {
  /** The frame limit the tests set through {@link #transportModuleWithFrameLimit}: 64 KiB. */
  int LIMIT = 64 * 1024;
  /** How the limit appears in the messages. */
  String LIMIT_IN_MESSAGES = "over the transport's frame limit of 65,536 bytes";

  private Pool limitedPool(Pools pools) {
    Module limited = transportModuleWithFrameLimit(LIMIT); // not null: CapabilityCheck skips tests without
    return pools.register(pools.builder(1).transport(limited).build());
  }

  /**
   * Checks that {@code error} is the refusal of a message over the limit: its subject, the limit,
   * and a size of at least {@code atLeast} bytes and not much more.
   */
  private static void assertOverTheLimit(Throwable error, String subject, long atLeast, long atMost) {
    assertInstanceOf(TaskSerializationException.class, error);
    String message = error.getMessage();
    assertTrue(message.startsWith(subject), message);
    assertTrue(message.contains(LIMIT_IN_MESSAGES), message);
    Matcher size = Pattern.compile("([0-9,]+) bytes on the wire").matcher(message);
    assertTrue(size.find(), message);
    long bytes = Long.parseLong(size.group(1).replace(",", ""));
    assertTrue(bytes >= atLeast && bytes <= atMost, "a size between " + atLeast + " and " + atMost + ": " + message);
  }

  /** Text as runs of one character, "r x 131089, j x 196613": short enough for a failure's message. */
  private static String runs(String text) {
    StringBuilder runs = new StringBuilder();
    for (int at = 0; at < text.length(); ) {
      int end = at;
      while (end < text.length() && text.charAt(end) == text.charAt(at)) {
        end++;
      }
      runs.append(runs.length() == 0 ? "" : ", ").append(text.charAt(at)).append(" x ").append(end - at);
      at = end;
    }
    return runs.toString();
  }

  /**
   * A result over the limit fails its task, naming its size and the limit, and is never sent; the
   * same worker process serves the next task.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void resultOverTheFrameLimitFailsItsTaskNamingSizeAndLimitAndTheWorkerLives(Pools pools) throws Exception {
    Pool pool = limitedPool(pools);
    long pid = pool.apply(TckTasks::pid);
    for (int i = 0; i < 5; i++) {
      ExecutionException failure = assertThrows(ExecutionException.class,
          () -> pool.apply(() -> TckTasks.bytesOf(4 * LIMIT)));
      assertOverTheLimit(failure.getCause(), "the task's result is", 4 * LIMIT, 4 * LIMIT + 64);
      assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI), "the worker that refused it serves the next task");
    }
    assertEquals(pid, pool.apply(TckTasks::pid));
    byte[] fits = TckTasks.bytesOf(LIMIT - 1024);
    assertArrayEquals(fits, pool.apply(TckTasks::echo, fits));
  }

  /**
   * A task over the limit fails before {@code applyAsync} returns, naming its size and the limit,
   * and is never sent.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void argumentOverTheFrameLimitFailsOnTheCallersThreadNamingSizeAndLimitAndIsNeverSent(Pools pools)
      throws Exception {
    Pool pool = limitedPool(pools);
    byte[] tooBig = TckTasks.bytesOf(4 * LIMIT);
    for (int i = 0; i < 5; i++) {
      AsyncResult<byte[]> refused = pool.applyAsync(TckTasks::echo, tooBig);
      assertTrue(refused.ready(), "failed before applyAsync returned, so nothing was sent for it");
      ExecutionException failure = assertThrows(ExecutionException.class, refused::get);
      assertOverTheLimit(failure.getCause(), "the task (its function and arguments) is", 4 * LIMIT, 4 * LIMIT + 512);
    }
    byte[] fits = TckTasks.bytesOf(LIMIT - 1024);
    assertArrayEquals(fits, pool.apply(TckTasks::echo, fits));
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI), "no worker was lost to the refused tasks");
  }

  /**
   * Many tasks that each fit, sent together, go in frames that fit and all complete, while an
   * oversized one among them fails alone.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void tasksThatTogetherExceedTheFrameLimitAllCompleteAndAnOversizedOneAmongThemFailsAlone(Pools pools)
      throws Exception {
    Pool pool = limitedPool(pools);
    pool.apply(TckTasks::whoAmI); // the worker is up and has timed a task: the next ones go in batches
    int oversized = 40;
    List<AsyncResult<byte[]>> results = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      results.add(pool.applyAsync(TckTasks::echo, TckTasks.bytesOf(i == oversized ? 4 * LIMIT : LIMIT / 3 + i)));
    }
    for (int i = 0; i < results.size(); i++) {
      if (i == oversized) {
        AsyncResult<byte[]> refused = results.get(i);
        assertOverTheLimit(assertThrows(ExecutionException.class, refused::get).getCause(),
            "the task (its function and arguments) is", 4 * LIMIT, 4 * LIMIT + 512);
      } else {
        assertEquals(LIMIT / 3 + i, results.get(i).get(30, TimeUnit.SECONDS).length, "task " + i);
      }
    }
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI), "no frame of the batches was over the limit");
  }

  /**
   * Raw writes to descriptor 1 and System.out, each more than a frame holds, arrive whole before a
   * result that fills a frame by itself. (One source a task: the order between a raw write and a
   * System.out write in one task is OutputContract's to check.)
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires({TransportCapability.FRAME_LIMIT, TransportCapability.CAPTURES_OUTPUT})
  default void outputOverTheFrameLimitArrivesWholeBeforeAResultThatFillsAFrame(Pools pools) throws Exception {
    Pool pool = limitedPool(pools);
    pool.apply(() -> 0); // the worker is up
    int raw = 2 * LIMIT + 17;
    int printed = 3 * LIMIT + 5;
    int result = LIMIT - 1024;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true));
    String afterRaw;
    String afterPrinted;
    try {
      assertArrayEquals(TckTasks.bytesOf(result), pool.apply(() -> FrameLimitTasks.writeRawAndReturn(raw, result)));
      afterRaw = out.toString(StandardCharsets.UTF_8);
      assertArrayEquals(TckTasks.bytesOf(result), pool.apply(() -> FrameLimitTasks.printAndReturn(printed, result)));
      afterPrinted = out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(original);
    }
    assertEquals("r x " + raw, runs(afterRaw), "all of the raw output, before the result");
    assertEquals("r x " + raw + ", j x " + printed, runs(afterPrinted), "all of the printed output, before the result");
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI));
  }

  /**
   * An exception over the limit is replaced by one that names it, its size and the limit, and the
   * worker lives.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void exceptionOverTheFrameLimitIsReplacedByOneThatNamesItAndTheWorkerLives(Pools pools) throws Exception {
    Pool pool = limitedPool(pools);
    for (int i = 0; i < 3; i++) {
      ExecutionException failure = assertThrows(ExecutionException.class,
          () -> pool.apply(() -> FrameLimitTasks.throwWithMessageOf(4 * LIMIT)));
      assertOverTheLimit(failure.getCause(), "the task's exception (java.lang.IllegalStateException: mmm",
          4 * LIMIT, 64 * LIMIT);
      assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI));
    }
  }

  /**
   * mapOutcomes (and imap) answer item by item, so an item whose result is over the limit fails
   * alone and the other items of its chunk come back; map fails as a whole, as for any failed item.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void anItemResultOverTheFrameLimitFailsAloneAndItsChunkMatesComeBack(Pools pools) throws Exception {
    Pool pool = limitedPool(pools);
    List<Outcome<byte[]>> outcomes = pool.mapOutcomes(
        (Integer item) -> TckTasks.bytesOf(item == 3 ? 4 * LIMIT : 100 + item), List.of(0, 1, 2, 3, 4, 5, 6, 7), 8);
    for (int i = 0; i < 8; i++) {
      if (i == 3) {
        assertOverTheLimit(outcomes.get(i).error(), "a map item's result is", 4 * LIMIT, 4 * LIMIT + 64);
      } else {
        assertArrayEquals(TckTasks.bytesOf(100 + i), outcomes.get(i).value(), "item " + i);
      }
    }
    ExecutionException whole = assertThrows(ExecutionException.class, () -> pool.map(
        (Integer item) -> TckTasks.bytesOf(item == 3 ? 4 * LIMIT : 100), List.of(0, 1, 2, 3, 4, 5, 6, 7), 4));
    assertOverTheLimit(whole.getCause(), "the results of a map chunk of 4 items are", 4 * LIMIT, 4 * LIMIT + 512);
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI));
  }

  /**
   * Items whose results fit one by one but not together: the last are left out until the rest
   * fit, and each of those fails naming its chunk's size and the limit.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void itemResultsThatFitOnlyOneByOneComeBackAsFarAsAFrameHoldsAndTheRestFailNamingTheirChunk(Pools pools)
      throws Exception {
    Pool pool = limitedPool(pools);
    List<Integer> items = IntStream.range(0, 8).boxed().toList();
    List<Outcome<byte[]>> outcomes = pool.mapOutcomes((Integer item) -> TckTasks.bytesOf(LIMIT / 4), items, 8);
    int back = 0;
    while (back < outcomes.size() && outcomes.get(back).isSuccess()) {
      assertEquals(LIMIT / 4, outcomes.get(back).value().length);
      back++;
    }
    assertTrue(back >= 2 && back < 4, back + " of 8 came back, at most what fits in a frame");
    for (int i = back; i < outcomes.size(); i++) {
      Throwable failure = outcomes.get(i).error();
      assertOverTheLimit(failure, "the answers of a map chunk are", 8 * LIMIT / 4, 8 * LIMIT / 4 + 512);
      assertTrue(failure.getMessage().contains("this item's answer"), failure.getMessage());
    }
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI));
  }

  /**
   * An initializer over the limit fails every task with a {@code WorkerStartException} naming its
   * size and the limit.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void initializerOverTheFrameLimitFailsEveryTaskNamingSizeAndLimit(Pools pools) throws Exception {
    byte[] tooBig = TckTasks.bytesOf(4 * LIMIT);
    Pool pool = pools.register(pools.builder(1).transport(transportModuleWithFrameLimit(LIMIT))
        .initializer(() -> TckTasks.echo(tooBig)).build());
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::whoAmI));
    WorkerStartException broken = assertInstanceOf(WorkerStartException.class, failure.getCause());
    assertTrue(broken.getMessage().startsWith("The pool's initializer is 262,"), broken.getMessage());
    assertTrue(broken.getMessage().contains(LIMIT_IN_MESSAGES), broken.getMessage());
  }
}
