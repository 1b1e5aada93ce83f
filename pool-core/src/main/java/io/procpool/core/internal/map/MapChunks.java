package io.procpool.core.internal.map;

import io.procpool.TaskFunction;
import io.procpool.core.internal.pool.ItemProgress;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import io.procpool.core.internal.wire.SharedCaptures;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Splits a map into chunk tasks and puts their values back together in order. */
public final class MapChunks {
  private MapChunks() {}

  /** Python's rule: items / (4 × workers), rounded up. */
  public static int defaultChunksize(int items, int workers) {
    int chunksize = items / (workers * 4);
    return items % (workers * 4) == 0 ? Math.max(chunksize, 1) : chunksize + 1;
  }

  /**
   * The items as a list to cut into chunks. A random-access list is used as it is: every chunk is
   * encoded before map returns, so a copy would only add an array (of more than half a G1 region
   * for a big map: see {@link MapResultList}).
   */
  public static <T> List<? extends T> toList(Iterable<? extends T> items) {
    Objects.requireNonNull(items, "items");
    if (items instanceof List<? extends T> list && items instanceof RandomAccess) {
      return list;
    }
    if (items instanceof Collection<? extends T> collection) {
      return new ArrayList<>(collection);
    }
    List<T> list = new ArrayList<>();
    items.forEach(list::add);
    return list;
  }

  @SuppressWarnings("unchecked")
  public static List<PendingTask> tasks(TaskFactory factory, TaskFunction<?, ?> function, List<?> items, int chunksize) {
    List<PendingTask> chunks = new ArrayList<>((items.size() + chunksize - 1) / chunksize);
    SharedCaptures call = new SharedCaptures(); // the function's large captures: encoded once, not per chunk
    for (int from = 0; from < items.size(); from += chunksize) {
      // A view: the chunk is encoded here and now, and a copy would be an array of more than half a G1 region.
      List<?> slice = items.subList(from, Math.min(items.size(), from + chunksize));
      chunks.add(factory.create(new MapChunk((TaskFunction<Object, ?>) function, slice), call, List.of()));
    }
    return chunks;
  }

  /**
   * The values of all chunks in order; fails as soon as one chunk fails. Each chunk is counted in
   * {@code progress} as it settles, before the values can be seen complete.
   */
  @SuppressWarnings("unchecked")
  public static <R> CompletableFuture<List<R>> join(List<PendingTask> chunks, ItemProgress progress) {
    CompletableFuture<List<R>> all = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(chunks.size());
    if (chunks.isEmpty()) {
      all.complete(new MapResultList<>(List.of()));
    }
    for (PendingTask chunk : chunks) {
      chunk.result.whenComplete((value, error) -> {
        if (error != null) {
          progress.failTheRest(); // the map fails with it: no other item's value will be delivered
          all.completeExceptionally(error);
          return;
        }
        progress.add(((List<?>) value).size(), 0);
        if (remaining.decrementAndGet() == 0) {
          List<List<R>> parts = new ArrayList<>(chunks.size());
          chunks.forEach(done -> parts.add((List<R>) done.result.join()));
          all.complete(new MapResultList<>(parts));
        }
      });
    }
    return all;
  }
}
