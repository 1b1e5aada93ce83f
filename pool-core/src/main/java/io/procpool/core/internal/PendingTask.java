package io.procpool.core.internal;

import java.util.concurrent.CompletableFuture;

/** A task accepted by the pool: its serialized invocation and the future of its value. */
final class PendingTask {
  final long id;
  final byte[] invocation;
  final CompletableFuture<Object> result = new CompletableFuture<>();

  PendingTask(long id, byte[] invocation) {
    this.id = id;
    this.invocation = invocation;
  }
}
