package io.procpool.core.internal.map;

import io.procpool.Outcome;
import io.procpool.TaskSerializationException;
import io.procpool.core.internal.map.EachItem.ItemResult;
import io.procpool.core.internal.pool.ItemProgress;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
import io.procpool.core.internal.wire.ExceptionFilter;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.ThrowableCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The pool's side of an {@link EachItem} chunk: encodes the items, and turns what comes back into
 * one {@link Outcome} per item. An item that cannot be serialized is not sent; it fails at once
 * with its {@link TaskSerializationException}. If the chunk as a whole fails (its worker died, the
 * pool was terminated), each item it sent fails with that exception.
 */
public final class ItemChunk {
  private final Throwable[] unsent;
  private final PendingTask task;
  /** Whether the task carries one item as a {@link EachItem.SingleItem}: its value is the item's. */
  private final boolean single;
  /** The task's result, or an empty answer when nothing was sent. */
  private final CompletableFuture<Object> settled;
  /** Completes after {@link #settled}, once the chunk is counted; set by {@link #countInto}. */
  private CompletableFuture<Object> done;

  private ItemChunk(Throwable[] unsent, PendingTask task, boolean single) {
    this.unsent = unsent;
    this.task = task;
    this.single = single;
    this.settled = task != null ? task.result : CompletableFuture.completedFuture(List.of());
    this.done = settled;
  }

  /** Encodes {@code items} into a chunk for {@code function} (already encoded); does not submit it. */
  static ItemChunk create(TaskFactory tasks, byte[] function, List<?> items) {
    Throwable[] unsent = new Throwable[items.size()];
    if (items.size() == 1) {
      PendingTask task = tasks.create(new EachItem.SingleItem(function, items.get(0)));
      if (!task.result.isCompletedExceptionally()) {
        return new ItemChunk(unsent, task, true);
      }
      unsent[0] = failureOf(task.result); // not sent, as an item of a longer chunk would not be
      return new ItemChunk(unsent, null, false);
    }
    List<byte[]> sent = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        sent.add(KryoCodec.get().encode(items.get(i), "a map item"));
      } catch (TaskSerializationException e) {
        unsent[i] = e;
      }
    }
    return new ItemChunk(unsent, sent.isEmpty() ? null : tasks.create(new EachItem(function, sent)), false);
  }

  /** The number of items. */
  int size() {
    return unsent.length;
  }

  /** The task to submit; none when no item could be serialized. */
  List<PendingTask> tasks() {
    return task == null ? List.of() : List.of(task);
  }

  /**
   * Once submitted: counts the chunk's items in {@code progress} when it settles, and from now on
   * {@link #done()} completes only after that count, so whoever sees the chunk done sees it counted.
   * Counted without decoding: an item whose value arrives but cannot be decoded here counts as done.
   */
  void countInto(ItemProgress progress) {
    done = settled.whenComplete((value, error) -> {
      int failed = failedItems(error);
      progress.add(unsent.length - failed, failed);
    });
  }

  private int failedItems(Throwable chunkFailure) {
    if (chunkFailure != null) {
      return unsent.length;
    }
    int failed = 0;
    for (Throwable notSent : unsent) {
      failed += notSent != null ? 1 : 0;
    }
    if (!single && task != null) {
      List<ItemResult> answers = answers();
      for (int i = 0; i < answers.size(); i++) {
        failed += answers.get(i).success() ? 0 : 1;
      }
    }
    return failed;
  }

  /** Completes, normally or not, once {@link #outcomes()} can be called without waiting. */
  CompletableFuture<?> done() {
    return done;
  }

  /** Each item's outcome, in order. Call once {@link #done()} completed. */
  List<Outcome<Object>> outcomes() {
    Throwable chunkFailure = settled.isCompletedExceptionally() ? failureOf(settled) : null;
    if (single) {
      return List.of(chunkFailure != null ? Outcome.failure(chunkFailure) : Outcome.success(settled.join()));
    }
    Iterator<ItemResult> answers = chunkFailure == null ? answers().iterator() : null;
    List<Outcome<Object>> outcomes = new ArrayList<>(unsent.length);
    for (Throwable notSent : unsent) {
      if (notSent != null) {
        outcomes.add(Outcome.failure(notSent));
      } else {
        outcomes.add(chunkFailure != null ? Outcome.failure(chunkFailure) : decode(answers.next(), task.exceptions));
      }
    }
    return outcomes;
  }

  @SuppressWarnings("unchecked")
  private List<ItemResult> answers() {
    return (List<ItemResult>) settled.join();
  }

  private static Throwable failureOf(CompletableFuture<?> failed) {
    Throwable error = failed.handle((value, e) -> e).join();
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private static Outcome<Object> decode(ItemResult answer, ExceptionFilter exceptions) {
    if (!answer.success()) {
      return Outcome.failure(ThrowableCodec.decode(answer.payload(), exceptions));
    }
    try {
      return Outcome.success(KryoCodec.get().decode(answer.payload(), "the task's result"));
    } catch (TaskSerializationException e) {
      return Outcome.failure(e);
    }
  }
}
