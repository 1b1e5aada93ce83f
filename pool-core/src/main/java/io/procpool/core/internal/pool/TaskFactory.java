package io.procpool.core.internal.pool;

import io.procpool.TaskSerializationException;
import io.procpool.core.internal.map.EachItem;
import io.procpool.core.internal.wire.ExceptionFilter;
import io.procpool.core.internal.wire.Invocations.Apply;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import io.procpool.core.internal.wire.KryoCodec;
import java.util.List;
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

  public PendingTask create(Invocation invocation) {
    int items = invocation instanceof MapChunk chunk ? chunk.items().size() : 1;
    PendingTask task;
    try {
      task = new PendingTask(ids.incrementAndGet(), KryoCodec.get().encode(invocation, "task"), items,
          exceptions);
    } catch (TaskSerializationException e) {
      task = new PendingTask(ids.incrementAndGet(), null, items, exceptions);
      task.result.completeExceptionally(explain(invocation, e));
    }
    return task;
  }

  /** Finds which part of the invocation could not be serialized. */
  private static TaskSerializationException explain(Invocation invocation, TaskSerializationException failure) {
    if (invocation instanceof Apply apply) {
      if (!encodes(apply.argument())) {
        return failed("the task's argument", apply.argument(), failure);
      }
      return failed("the task's function", apply.function(), failure);
    }
    if (invocation instanceof EachItem.SingleItem single) {
      return failed("a map item", single.item(), failure); // the function is bytes already
    }
    if (invocation instanceof MapChunk chunk) {
      List<?> items = chunk.items();
      for (Object item : items) {
        if (!encodes(item)) {
          return failed("a map item", item, failure);
        }
      }
      return failed("the map's function", chunk.function(), failure);
    }
    return failed("the task (a lambda and what it captures)", invocation, failure);
  }

  private static boolean encodes(Object value) {
    try {
      KryoCodec.get().encode(value, "value");
      return true;
    } catch (TaskSerializationException e) {
      return false;
    }
  }

  private static TaskSerializationException failed(String what, Object value,
                                                   TaskSerializationException failure) {
    String type = value == null ? "null" : value.getClass().getName();
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    return new TaskSerializationException("Cannot serialize " + what + " of type " + type
        + " to send it to a worker: " + cause.getMessage(), cause);
  }
}
