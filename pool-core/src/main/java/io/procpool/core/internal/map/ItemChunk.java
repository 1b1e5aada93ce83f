package io.procpool.core.internal.map;

import io.procpool.Outcome;
import io.procpool.TaskSerializationException;
import io.procpool.core.internal.map.EachItem.ItemResult;
import io.procpool.core.internal.pool.ItemProgress;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.pool.TaskFactory;
import io.procpool.core.internal.wire.ExceptionFilter;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.SharedCaptures;
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
public final class ItemChunk implements PendingTask.SettleListener {

  private final Throwable[] unsent;
  private final PendingTask task;
  /** Whether the task carries one item as a {@link EachItem.SingleItem}: its value is the item's. */
  private final boolean single;
  /** The task's result, or an empty answer when nothing was sent. */
  private final CompletableFuture<Object> settled;
  /** Where its items are counted; set before it is submitted. */
  private ItemProgress progress;
  /** Whether the pool accepted it: only then are its items counted. */
  private volatile boolean accepted;
  /** Whether its items are counted; guarded by this. */
  private boolean counted;

  private ItemChunk(Throwable[] unsent, PendingTask task, boolean single) {
    this.unsent = unsent;
    this.task = task;
    this.single = single;
    this.settled = task != null ? task.result : CompletableFuture.completedFuture(List.of());
  }

  /** Encodes {@code items} into a chunk for {@code function} (already encoded); does not submit it. */
  static ItemChunk create(TaskFactory tasks, KryoCodec.Encoded function, List<?> items) {
    Throwable[] unsent = new Throwable[items.size()];
    if (items.size() == 1) {
      PendingTask task = tasks.create(new EachItem.SingleItem(function.bytes(), items.get(0)),
          new SharedCaptures(), function.shared());
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
    return new ItemChunk(unsent, sent.isEmpty() ? null
        : tasks.create(new EachItem(function.bytes(), sent), new SharedCaptures(), function.shared()), false);
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
   * Before it is submitted: its items are to be counted in {@code progress} as it settles. Counted
   * without decoding: an item whose value arrives but cannot be decoded here counts as done.
   */
  void countInto(ItemProgress progress) {
    this.progress = progress;
    if (task != null) {
      task.whenSettled(this); // told from a stage the pool chains on every task: no stage of its own
    }
  }

  /** The pool accepted it: it counts from now on, at once if it has settled already. */
  void accepted() {
    accepted = true;
    count();
  }

  @Override
  public void taskSettled() {
    count();
  }

  /**
   * Counts its items, once, if it was accepted and has settled. Whoever hands its outcomes out
   * calls it too, first: the settling thread may not have got to it yet.
   */
  synchronized void count() {
    // Under the lock, so that a caller that finds it counting waits until the count is in the
    // progress: the iterator hands the outcomes out next, and a caller who read them all must see
    // them counted (a compare-and-set let it go on while the settling thread was still adding).
    if (!counted && accepted && settled.isDone() && progress != null) {
      counted = true;
      int failed = failedItems(settled.isCompletedExceptionally());
      progress.add(unsent.length - failed, failed);
    }
  }

  private int failedItems(boolean chunkFailed) {
    if (chunkFailed) {
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
    return settled;
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
