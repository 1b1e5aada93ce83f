package io.procpool.core.internal.pool;

import java.util.concurrent.CompletableFuture;

/** A task accepted by the pool: its serialized invocation and the future of its value. */
public final class PendingTask {
  final long id;
  public final byte[] invocation;
  /** How many items it covers, for progress reports: a map chunk's size, else 1. */
  final int items;
  public final CompletableFuture<Object> result = new CompletableFuture<>();
  /** The worker it was last sent to; set under the scheduler's lock. */
  volatile String workerName;

  PendingTask(long id, byte[] invocation, int items) {
    this.id = id;
    this.invocation = invocation;
    this.items = items;
  }
}
