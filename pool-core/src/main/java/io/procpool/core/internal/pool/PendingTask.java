package io.procpool.core.internal.pool;

import io.procpool.core.internal.wire.ExceptionFilter;
import java.util.concurrent.CompletableFuture;

/** A task accepted by the pool: its serialized invocation and the future of its value. */
public final class PendingTask {
  final long id;
  public final byte[] invocation;
  /** How many items it covers, for progress reports: a map chunk's size, else 1. */
  final int items;
  public final CompletableFuture<Object> result = new CompletableFuture<>();
  /** What its exception, and its items', may bring into this process. */
  public final ExceptionFilter exceptions;
  /** The worker it was last sent to; set under the scheduler's lock. */
  volatile String workerName;

  PendingTask(long id, byte[] invocation, int items) {
    this(id, invocation, items, ExceptionFilter.DEFAULT);
  }

  PendingTask(long id, byte[] invocation, int items, ExceptionFilter exceptions) {
    this.id = id;
    this.invocation = invocation;
    this.items = items;
    this.exceptions = exceptions;
  }
}
