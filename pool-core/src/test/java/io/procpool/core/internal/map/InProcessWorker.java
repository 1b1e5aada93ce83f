package io.procpool.core.internal.map;

import io.procpool.core.internal.pool.Outcomes;
import io.procpool.core.internal.pool.PendingTask;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.ThrowableCodec;

/** Runs a pending task here, as a worker would: decode, invoke, encode, answer. */
final class InProcessWorker {
  private InProcessWorker() {}

  static void run(PendingTask task) {
    byte[] answer;
    boolean success;
    try {
      Invocation invocation = (Invocation) KryoCodec.get().decode(task.invocation, "the task");
      answer = KryoCodec.get().encode(invocation.invoke(), "the task's result");
      success = true;
    } catch (Throwable e) {
      answer = ThrowableCodec.encode(e);
      success = false;
    }
    Outcomes.complete(task, success, answer);
  }
}
