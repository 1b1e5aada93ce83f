package io.procpool.core.internal.pool;

import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.ThrowableCodec;
import java.util.concurrent.CompletableFuture;

/** Turns a worker's answer into the completion of a task's future. */
public final class Outcomes {
  private Outcomes() {}

  public static void complete(PendingTask task, boolean success, byte[] payload) {
    CompletableFuture<Object> result = task.result;
    if (!success) {
      result.completeExceptionally(ThrowableCodec.decode(payload, task.exceptions));
      return;
    }
    Object value;
    try {
      value = KryoCodec.get().decode(payload, "the task's result");
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    result.complete(value);
  }
}
