package io.procpool.core.internal.pool;

import io.procpool.TaskSerializationException;
import io.procpool.core.internal.events.TaskRunEvent;
import io.procpool.core.internal.wire.ExceptionFilter;
import io.procpool.core.internal.wire.FrameLimit;
import io.procpool.core.internal.wire.SharedValue;
import io.procpool.core.internal.wire.Wire;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A task accepted by the pool: its serialized invocation and the future of its value. */
public final class PendingTask {
  final long id;
  public final byte[] invocation;
  /** The large captured values it refers to, which go to its worker (once) before it. */
  final List<SharedValue> shared;
  /** How many items it covers, for progress reports: a map chunk's size, else 1. */
  final int items;
  public final CompletableFuture<Object> result = new TaskResult();
  /** What its exception, and its items', may bring into this process. */
  public final ExceptionFilter exceptions;
  /** The worker it was last sent to; set under the scheduler's lock. */
  volatile String workerName;
  /** When it was submitted, and last handed to a worker (System.nanoTime), for its queue wait. Scheduler's lock. */
  long submittedAt;
  long handedAt;
  /** How long it may run, if not the pool's taskTimeout (a call through withTaskTimeout); set before it is submitted. */
  Duration timeout;
  /**
   * The scheduler has decided how it ends (cancelled, failed, stopped) and completes its future
   * after releasing its lock; until then this says it must not be sent again. Scheduler's lock.
   */
  private boolean givenUp;
  /**
   * Set while its worker is asked to skip it (a CANCEL sent): completed with the worker's answer,
   * whether it skips it, or null if the worker left before answering. Scheduler's lock.
   */
  CompletableFuture<Boolean> skipVerdict;
  /** Its run, timed for JFR while a recording wants it; else null. Scheduler's lock. */
  TaskRunEvent run;
  /** Its worker said it had begun it, though the pool has not yet read the answer before it. Scheduler's lock. */
  boolean begun;
  /** Told once its result is complete; set before it is submitted. */
  private volatile SettleListener settleListener;

  /** What a task tells once its result is complete: a map chunk counts its items for progress. */
  public interface SettleListener {
    /** The task's result is complete. On the thread that completed it; must be quick. */
    void taskSettled();
  }

  PendingTask(long id, byte[] invocation, int items) {
    this(id, invocation, items, ExceptionFilter.DEFAULT);
  }

  PendingTask(long id, byte[] invocation, int items, ExceptionFilter exceptions) {
    this(id, invocation, List.of(), items, exceptions);
  }

  PendingTask(long id, byte[] invocation, List<SharedValue> shared, int items, ExceptionFilter exceptions) {
    this.id = id;
    this.invocation = invocation;
    this.shared = shared;
    this.items = items;
    this.exceptions = exceptions;
  }

  /** Tells {@code listener} when its result is complete. Before it is submitted. */
  public void whenSettled(SettleListener listener) {
    settleListener = listener;
  }

  /**
   * Its result is complete: tells the listener, if any. {@link AcceptedWork} calls it from the stage
   * it chains on every task anyway, so that telling costs no stage of its own.
   */
  public void tellSettled() {
    SettleListener listener = settleListener;
    if (listener != null) {
      listener.taskSettled();
    }
  }

  /**
   * The bytes of the largest message it takes, its TASK or a SHARE of a value it refers to: what
   * must fit in a frame of the connection it goes on.
   */
  long messageBytes() {
    long largest = Wire.taskBytes(id, invocation.length);
    for (SharedValue value : shared) {
      largest = Math.max(largest, Wire.shareBytes(value.bytes().length));
    }
    return largest;
  }

  /** Why it is not sent over a connection of this {@code limit}: it is over it, by so much. */
  TaskSerializationException overLimit(FrameLimit limit) {
    return items > 1
        ? limit.refusal("a map chunk of " + items + " items is", messageBytes(),
            "it was not sent; a smaller chunksize may fit")
        : limit.refusal("the task (its function and arguments) is", messageBytes(),
            "it was not sent; pass such data another way (a file, say), or raise the transport's limit");
  }

  /** Ends a pending request to skip it with {@code skipped}, and forgets the request. Scheduler's lock. */
  void answerSkip(Boolean skipped) {
    if (skipVerdict != null) {
      skipVerdict.complete(skipped);
      skipVerdict = null;
    }
  }

  /** The pool accepted it: its completion counts in {@code statistics}. Scheduler's lock. */
  void countIn(PoolStatistics statistics) {
    ((TaskResult) result).countIn(statistics);
  }

  /** Marks it as decided; its future is completed soon after. Scheduler's lock. */
  void giveUp() {
    givenUp = true;
  }

  /** Whether its end is decided, so it is never sent to a worker (again). Scheduler's lock. */
  boolean settled() {
    return givenUp || result.isDone();
  }
}
