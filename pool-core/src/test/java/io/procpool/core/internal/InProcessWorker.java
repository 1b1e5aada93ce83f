package io.procpool.core.internal;

import io.procpool.core.internal.Invocations.Invocation;

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
    Outcomes.complete(task.result, success, answer);
  }
}
