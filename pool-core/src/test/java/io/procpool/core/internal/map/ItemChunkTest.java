package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Outcome;
import io.procpool.TaskFunction;
import io.procpool.TaskSerializationException;
import io.procpool.WorkerDiedException;
import io.procpool.core.internal.pool.TaskFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ItemChunkTest {
  private final TaskFactory tasks = new TaskFactory();

  static Object failIfNegative(Object x) {
    if (x instanceof Integer i && i < 0) {
      throw new IllegalArgumentException("negative: " + i);
    }
    return x instanceof Integer i && i == 99 ? new Thread("not sendable") : x;
  }

  private ItemChunks chunks() {
    return ItemChunks.of(tasks, (TaskFunction<Object, Object>) ItemChunkTest::failIfNegative);
  }

  private static List<Outcome<Object>> runHere(ItemChunk chunk) {
    chunk.tasks().forEach(InProcessWorker::run);
    assertTrue(chunk.done().isDone());
    return chunk.outcomes();
  }

  @Test
  void eachItemKeepsItsOwnValueOrException() {
    List<Outcome<Object>> outcomes = runHere(chunks().chunk(List.of(1, -2, 3)));
    assertEquals(Outcome.success(1), outcomes.get(0));
    IllegalArgumentException error = assertInstanceOf(IllegalArgumentException.class, outcomes.get(1).error());
    assertEquals("negative: -2", error.getMessage());
    assertTrue(Arrays.stream(error.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("failIfNegative")),
        "the worker's stack");
    assertEquals(Outcome.success(3), outcomes.get(2));
  }

  @Test
  void anItemThatCannotBeSerializedFailsAloneAndIsNotSent() {
    ItemChunk chunk = chunks().chunk(Arrays.asList(1, new Thread("not sendable"), 3));
    assertEquals(3, chunk.size());
    List<Outcome<Object>> outcomes = runHere(chunk);
    TaskSerializationException error = assertInstanceOf(TaskSerializationException.class, outcomes.get(1).error());
    assertTrue(error.getMessage().contains("map item") && error.getMessage().contains("java.lang.Thread"),
        error.getMessage());
    assertEquals(List.of(Outcome.success(1), Outcome.success(3)), List.of(outcomes.get(0), outcomes.get(2)));
  }

  @Test
  void aValueThatCannotBeSerializedFailsOnlyItsItem() {
    List<Outcome<Object>> outcomes = runHere(chunks().chunk(List.of(99, 4)));
    TaskSerializationException error = assertInstanceOf(TaskSerializationException.class, outcomes.get(0).error());
    assertTrue(error.getMessage().contains("result"), error.getMessage());
    assertEquals(Outcome.success(4), outcomes.get(1));
  }

  @Test
  void aChunkWithNoSendableItemHasNoTaskAndIsDoneAtOnce() {
    ItemChunk chunk = chunks().chunk(List.of(new Thread("a"), new Thread("b")));
    assertEquals(List.of(), chunk.tasks());
    assertTrue(chunk.done().isDone());
    assertTrue(chunk.outcomes().stream().allMatch(o -> o.error() instanceof TaskSerializationException));
  }

  @Test
  void whenTheWholeChunkFailsEachSentItemFailsWithThatAndUnsentOnesKeepTheirOwn() {
    ItemChunk chunk = chunks().chunk(Arrays.asList(1, new Thread("not sendable"), 3));
    WorkerDiedException died = new WorkerDiedException("PoolWorker-1", 42, 9, null);
    chunk.tasks().get(0).result.completeExceptionally(died);
    List<Outcome<Object>> outcomes = chunk.outcomes();
    assertSame(died, outcomes.get(0).error());
    assertInstanceOf(TaskSerializationException.class, outcomes.get(1).error());
    assertSame(died, outcomes.get(2).error());
  }

  @Test
  void aChunkOfOneItemSucceedsFailsOrIsNotSentAsALongerChunksItemWould() {
    assertEquals(List.of(Outcome.success(7)), runHere(chunks().chunk(List.of(7))));
    Throwable failed = runHere(chunks().chunk(List.of(-1))).get(0).error();
    assertInstanceOf(IllegalArgumentException.class, failed);
    assertEquals("negative: -1", failed.getMessage());
    Throwable badValue = runHere(chunks().chunk(List.of(99))).get(0).error();
    assertTrue(badValue instanceof TaskSerializationException && badValue.getMessage().contains("result"),
        String.valueOf(badValue));
    ItemChunk unsendable = chunks().chunk(List.of(new Thread("not sendable")));
    assertEquals(List.of(), unsendable.tasks());
    Throwable notSent = unsendable.outcomes().get(0).error();
    assertTrue(notSent instanceof TaskSerializationException && notSent.getMessage().contains("map item")
        && notSent.getMessage().contains("java.lang.Thread"), String.valueOf(notSent));
  }

  @Test
  void aFunctionThatCannotBeSerializedIsRejectedAtOnce() {
    Thread captured = new Thread("not sendable");
    TaskSerializationException error = assertThrows(TaskSerializationException.class,
        () -> ItemChunks.of(tasks, (Object x) -> captured.getName()));
    assertTrue(error.getMessage().contains("function"), error.getMessage());
  }

  @Test
  void splitCoversEveryItemAndJoinKeepsTheirOrderWhateverOrderChunksFinish() throws Exception {
    List<ItemChunk> split = chunks().split(List.of(1, -2, 3, 4, 5), 2);
    assertEquals(List.of(2, 2, 1), split.stream().map(ItemChunk::size).toList());
    CompletableFuture<List<Outcome<Object>>> all = ItemChunks.join(split);
    InProcessWorker.run(split.get(2).tasks().get(0));
    InProcessWorker.run(split.get(0).tasks().get(0));
    split.get(1).tasks().get(0).result.completeExceptionally(new IllegalStateException("terminated"));
    List<Outcome<Object>> outcomes = all.get();
    assertEquals(5, outcomes.size());
    assertEquals(List.of(1, 5), List.of(outcomes.get(0).value(), outcomes.get(4).value()));
    assertEquals("Failure[java.lang.IllegalArgumentException: negative: -2]", outcomes.get(1).toString());
    assertEquals("terminated", outcomes.get(2).error().getMessage());
    assertEquals("terminated", outcomes.get(3).error().getMessage());
  }
}
