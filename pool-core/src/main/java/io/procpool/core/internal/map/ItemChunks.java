package io.procpool.core.internal.map;

import io.procpool.Outcome;
import io.procpool.TaskFunction;
import io.procpool.core.internal.pool.ItemProgress;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.SharedCaptures;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Makes {@link ItemChunk}s of one function, which is serialized once here rather than once per
 * chunk (and its large captured values apart, to be sent once per worker); a function that
 * cannot be serialized is rejected before any item is read.
 */
public final class ItemChunks {
  private final TaskFactory tasks;
  private final KryoCodec.Encoded function;

  private ItemChunks(TaskFactory tasks, KryoCodec.Encoded function) {
    this.tasks = tasks;
    this.function = function;
  }

  /** @throws io.procpool.TaskSerializationException if the function cannot be serialized */
  public static ItemChunks of(TaskFactory tasks, TaskFunction<?, ?> function) {
    Objects.requireNonNull(function, "function");
    return new ItemChunks(tasks, KryoCodec.get().encodeTask(function, "the map's function", new SharedCaptures()));
  }

  /** One chunk of {@code items}, not yet submitted. */
  ItemChunk chunk(List<?> items) {
    return ItemChunk.create(tasks, function, items);
  }

  /** {@code items} in chunks of {@code chunksize} (the last may be shorter), not yet submitted. */
  public List<ItemChunk> split(List<?> items, int chunksize) {
    List<ItemChunk> chunks = new ArrayList<>((items.size() + chunksize - 1) / chunksize);
    for (int from = 0; from < items.size(); from += chunksize) {
      chunks.add(chunk(items.subList(from, Math.min(items.size(), from + chunksize))));
    }
    return chunks;
  }

  /** The tasks that carry {@code chunks}, in order. */
  public static List<PendingTask> tasksOf(List<ItemChunk> chunks) {
    List<PendingTask> pending = new ArrayList<>(chunks.size());
    chunks.forEach(chunk -> pending.addAll(chunk.tasks()));
    return pending;
  }

  /** Before {@code chunks} are submitted: each is to be counted in {@code progress} as it settles. */
  public static void countInto(List<ItemChunk> chunks, ItemProgress progress) {
    chunks.forEach(chunk -> chunk.countInto(progress));
  }

  /** The pool accepted {@code chunks}: they count from now on. */
  public static void accepted(List<ItemChunk> chunks) {
    chunks.forEach(ItemChunk::accepted);
  }

  /**
   * Every item's outcome, in order, once every chunk is done and counted. Never fails: a chunk that failed
   * gives each of its items that failure. Each chunk is decoded as soon as it is done.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <R> CompletableFuture<List<Outcome<R>>> join(List<ItemChunk> chunks) {
    List<CompletableFuture<List<Outcome<Object>>>> decoded = new ArrayList<>(chunks.size());
    for (ItemChunk chunk : chunks) {
      decoded.add(chunk.done().handle((value, error) -> {
        chunk.count(); // before the outcomes complete, whichever thread gets here first
        return chunk.outcomes();
      }));
    }
    return CompletableFuture.allOf(decoded.toArray(CompletableFuture[]::new)).thenApply(allDone -> {
      List<List<Outcome<R>>> parts = new ArrayList<>(decoded.size());
      decoded.forEach(chunk -> parts.add((List) chunk.join()));
      return new MapResultList<>(parts);
    });
  }
}
