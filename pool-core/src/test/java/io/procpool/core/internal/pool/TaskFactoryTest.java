package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.procpool.Task;
import io.procpool.TaskFunction;
import io.procpool.TaskSerializationException;
import io.procpool.core.internal.map.StarmapPairs;
import io.procpool.core.internal.wire.Invocations;
import io.procpool.core.internal.wire.Invocations.Invocation;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What a user reads when a task cannot be sent: which value, where the lambda was declared, what to do. */
@SuppressWarnings({"rawtypes", "unchecked"})
class TaskFactoryTest {
  private static final String CLASS = TaskFactoryTest.class.getName();
  private static final String OF_THIS_PROCESS = ", which belongs to this process and cannot travel to another."
      + " Create it in the task instead, or once per worker in the pool's initializer.";
  private static final ThreadLocal<String> CONNECTION = ThreadLocal.withInitial(() -> "connected");

  /** A user's object that holds what cannot travel. */
  static final class Holder {
    @SuppressWarnings("unused")
    private final Thread thread = new Thread(() -> { });
  }

  private static String messageOf(Invocation invocation) {
    PendingTask task = new TaskFactory().create(invocation);
    CompletionException failure = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        task.result::join);
    return assertInstanceOf(TaskSerializationException.class, failure.getCause()).getMessage();
  }

  @Test
  void aLambdaCapturingAThread() {
    Thread thread = new Thread(() -> { });
    Task<String> task = () -> thread.getName();
    assertEquals("Cannot serialize the task: the lambda declared in " + CLASS + ".aLambdaCapturingAThread"
        + " captures a java.lang.Thread" + OF_THIS_PROCESS, messageOf(new Invocations.Call(task)));
  }

  @Test
  void aLambdaCapturingAnInputStream() throws Exception {
    try (InputStream in = new FileInputStream("/dev/null")) {
      Task<Integer> task = () -> in.read();
      assertEquals("Cannot serialize the task: the lambda declared in " + CLASS + ".aLambdaCapturingAnInputStream"
          + " captures a java.io.FileInputStream" + OF_THIS_PROCESS, messageOf(new Invocations.Call(task)));
    }
  }

  @Test
  void aLambdaCapturingASocket() throws Exception {
    try (Socket socket = new Socket()) {
      Task<Boolean> task = () -> socket.isConnected();
      assertEquals("Cannot serialize the task: the lambda declared in " + CLASS + ".aLambdaCapturingASocket"
          + " captures a java.net.Socket" + OF_THIS_PROCESS, messageOf(new Invocations.Call(task)));
    }
  }

  @Test
  void aMethodReferenceToAThreadLocal() {
    Task<String> task = CONNECTION::get;
    assertEquals("Cannot serialize the task: the method reference java.lang.ThreadLocal::get declared in " + CLASS
        + " captures a java.lang.ThreadLocal, which belongs to this process and cannot travel to another."
        + " Read it in the task instead, from a static field: () -> FIELD.get() captures nothing, where"
        + " FIELD::get captures the ThreadLocal; set it per worker in the pool's initializer.",
        messageOf(new Invocations.Call(task)));
  }

  @Test
  void aLambdaInsideALambdaAndAnObjectHoldingAThread() {
    Holder holder = new Holder();
    TaskFunction<Object, Object> inner = x -> holder;
    TaskFunction<Object, Object> outer = x -> inner.apply(x);
    assertEquals("Cannot serialize the task's function: the lambda declared in " + CLASS
        + ".aLambdaInsideALambdaAndAnObjectHoldingAThread captures the lambda declared in " + CLASS
        + ".aLambdaInsideALambdaAndAnObjectHoldingAThread, which captures an " + Holder.class.getName()
        + ", which holds a java.lang.Thread" + OF_THIS_PROCESS, messageOf(new Invocations.Apply(outer, 1)));
  }

  @Test
  void aStarmapPairHoldingAThreadAndAStarmapFunctionCapturingASocket() throws Exception {
    TaskFunction<StarmapPairs.Pair, Object> sum = StarmapPairs.spread((Integer a, Integer b) -> a + b);
    assertEquals("Cannot serialize a starmap pair's second value: it is a java.lang.Thread" + OF_THIS_PROCESS,
        messageOf(new Invocations.MapChunk((TaskFunction) sum,
            List.of(new StarmapPairs.Pair(1, 2), new StarmapPairs.Pair(3, new Thread(() -> { }))))));
    try (Socket socket = new Socket()) {
      TaskFunction<StarmapPairs.Pair, Object> connected = StarmapPairs.spread((Integer a, Integer b) -> socket.isBound());
      assertEquals("Cannot serialize the starmap's function: the lambda declared in " + CLASS
          + ".aStarmapPairHoldingAThreadAndAStarmapFunctionCapturingASocket captures a java.net.Socket" + OF_THIS_PROCESS,
          messageOf(new Invocations.MapChunk((TaskFunction) connected, List.of(new StarmapPairs.Pair(1, 2)))));
    }
  }

  @Test
  void anArgumentThatIsAThread() {
    TaskFunction<Object, Object> identity = x -> x;
    assertEquals("Cannot serialize the task's argument: it is a java.lang.Thread" + OF_THIS_PROCESS,
        messageOf(new Invocations.Apply(identity, new Thread(() -> { }))));
  }
}
