package io.procpool.core.internal.pool;

import io.procpool.TaskSerializationException;
import io.procpool.core.internal.map.EachItem;
import io.procpool.core.internal.map.StarmapPairs;
import io.procpool.core.internal.wire.ExceptionFilter;
import io.procpool.core.internal.wire.Invocations.Apply;
import io.procpool.core.internal.wire.Invocations.Call;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import io.procpool.core.internal.wire.Invocations.Run;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.SharedCaptures;
import io.procpool.core.internal.wire.SharedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serializes invocations into pending tasks on the submitting thread, so that a value that cannot
 * be serialized fails its own task, with a message that says which value it was.
 */
public final class TaskFactory {
  private final AtomicLong ids = new AtomicLong();
  private final ExceptionFilter exceptions;

  /** For tasks whose exceptions are decoded with the built-in filter only. */
  public TaskFactory() {
    this(ExceptionFilter.DEFAULT);
  }

  /** @param exceptions what the tasks' exceptions may bring into this process */
  public TaskFactory(ExceptionFilter exceptions) {
    this.exceptions = exceptions;
  }

  /** The task of one call, such as {@code apply}: what its lambda captures is encoded for it alone. */
  public PendingTask create(Invocation invocation) {
    return create(invocation, new SharedCaptures(), List.of());
  }

  /**
   * One task of {@code call}, whose large captured values are encoded once for all its tasks.
   *
   * @param alsoShared shared values the invocation refers to from bytes encoded before it (a map's
   *     function, encoded once per call)
   */
  public PendingTask create(Invocation invocation, SharedCaptures call, List<SharedValue> alsoShared) {
    int items = invocation instanceof MapChunk chunk ? chunk.items().size() : 1;
    PendingTask task;
    try {
      KryoCodec.Encoded encoded = KryoCodec.get().encodeTask(invocation, "task", call);
      task = new PendingTask(ids.incrementAndGet(), encoded.bytes(), union(alsoShared, encoded.shared()), items,
          exceptions);
    } catch (TaskSerializationException e) {
      task = new PendingTask(ids.incrementAndGet(), null, items, exceptions);
      task.result.completeExceptionally(explain(invocation, e));
    }
    return task;
  }

  private static List<SharedValue> union(List<SharedValue> first, List<SharedValue> second) {
    if (first.isEmpty() || second.isEmpty()) {
      return first.isEmpty() ? second : first;
    }
    List<SharedValue> all = new ArrayList<>(first);
    second.stream().filter(value -> !all.contains(value)).forEach(all::add);
    return List.copyOf(all);
  }

  /** Finds which part of the invocation could not be serialized, and lets the codec say why. */
  private static TaskSerializationException explain(Invocation invocation, TaskSerializationException failure) {
    if (invocation instanceof Apply apply) {
      return failure("the task's argument", apply.argument())
          .orElseGet(() -> failureOrSame("the task's function", apply.function(), failure));
    }
    if (invocation instanceof EachItem.SingleItem single) {
      return failureOrSame("a map item", single.item(), failure); // the function is bytes already
    }
    if (invocation instanceof MapChunk chunk) {
      for (Object item : chunk.items()) {
        Optional<TaskSerializationException> itemFailure = item instanceof StarmapPairs.Pair pair
            ? failure("a starmap pair's first value", pair.first())
                .or(() -> failure("a starmap pair's second value", pair.second()))
            : failure("a map item", item);
        if (itemFailure.isPresent()) {
          return itemFailure.get();
        }
      }
      Object function = chunk.function();
      return function instanceof StarmapPairs.Spread spread
          ? failureOrSame("the starmap's function", spread.function(), failure)
          : failureOrSame("the map's function", chunk.function(), failure);
    }
    if (invocation instanceof Call call) {
      return failureOrSame("the task", call.task(), failure);
    }
    if (invocation instanceof Run run) {
      return failureOrSame("the task", run.task(), failure);
    }
    return failure;
  }

  private static Optional<TaskSerializationException> failure(String what, Object value) {
    try {
      KryoCodec.get().encode(value, what);
      return Optional.empty();
    } catch (TaskSerializationException e) {
      return Optional.of(e);
    }
  }

  /** The failure of {@code value} alone; if it serializes alone after all, the invocation's. */
  private static TaskSerializationException failureOrSame(String what, Object value,
                                                          TaskSerializationException failure) {
    return failure(what, value).orElse(failure);
  }
}
