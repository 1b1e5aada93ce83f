package io.procpool.core.internal.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import io.procpool.Task;
import io.procpool.TaskFunction;
import io.procpool.TaskSerializationException;
import io.procpool.core.internal.map.EachItem;
import io.procpool.core.internal.map.EachItem.ItemResult;
import io.procpool.core.internal.wire.Invocations.Call;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.ThrowableCodec;
import io.procpool.core.internal.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker's answers over a connection with a frame limit, through a real {@link TaskRunner} on a
 * thread: what does not fit is answered with a failure that names its size and the limit, and the
 * runner goes on to its next task.
 */
@Timeout(20)
class TaskRunnerFrameLimitTest {
  private static final int LIMIT = 4096;
  private final RecordingConnection connection = new RecordingConnection(LIMIT);
  private final TaskRunner runner = new TaskRunner("PoolWorker-1", false, WorkerExit.RETURN);
  private final Thread main = new Thread(() -> {
    try {
      runner.run(connection);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }, "test-worker-main");
  private long ids;

  TaskRunnerFrameLimitTest() {
    main.start();
  }

  @AfterEach
  void stopTheRunner() throws InterruptedException {
    runner.onClosed(null);
    main.join(5_000);
    assertTrue(!main.isAlive(), "the runner returned");
    assertTrue(connection.largestFrame() <= LIMIT, "no frame over the limit: " + connection.largestFrame());
  }

  /** Sends the task as the pool would, and waits for its answer. */
  private RecordingConnection.Message run(Invocation invocation) throws InterruptedException {
    long id = ++ids;
    Output frame = new Output(256, -1);
    Wire.writeTask(frame, id, KryoCodec.get().encode(invocation, "the task"), false);
    runner.onFrame(frame.toBytes());
    return connection.awaitAnswer(id);
  }

  private static Throwable failureOf(RecordingConnection.Message answer) {
    assertEquals(Wire.FAILURE, answer.kind());
    return ThrowableCodec.decode(answer.payload());
  }

  private static Object valueOf(RecordingConnection.Message answer) {
    assertEquals(Wire.RESULT, answer.kind());
    return KryoCodec.get().decode(answer.payload(), "the result");
  }

  static byte[] bytes(int size) {
    return new byte[size];
  }

  static Object throwWithMessageOf(int chars) {
    throw new IllegalStateException("m".repeat(chars));
  }

  @Test
  void resultsOverTheLimitAreAnsweredWithAFailureNamingSizeAndLimitAndTheNextTaskRuns() throws Exception {
    for (int i = 0; i < 3; i++) {
      Throwable refused = failureOf(run(new Call((Task<byte[]>) () -> bytes(4 * LIMIT))));
      assertInstanceOf(TaskSerializationException.class, refused);
      assertTrue(refused.getMessage().matches("the task's result is 16,[0-9]{3} bytes on the wire, over the"
          + " transport's frame limit of 4,096 bytes: the worker did not send it"), refused.getMessage());
    }
    assertArrayEquals(bytes(LIMIT - 64), (byte[]) valueOf(run(new Call((Task<byte[]>) () -> bytes(LIMIT - 64)))));
  }

  @Test
  void anExceptionOverTheLimitIsReplacedByAShortOneThatNamesIt() throws Exception {
    Throwable replaced = failureOf(run(new Call((Task<Object>) () -> throwWithMessageOf(4 * LIMIT))));

    assertInstanceOf(TaskSerializationException.class, replaced);
    assertTrue(replaced.getMessage().startsWith("the task's exception (java.lang.IllegalStateException: mmm"),
        replaced.getMessage());
    assertTrue(replaced.getMessage().endsWith("over the transport's frame limit of 4,096 bytes: the worker sent this instead"),
        replaced.getMessage());
  }

  @Test
  void aMapChunkWhoseResultsAreOverTheLimitFailsAsAWholeSayingSo() throws Exception {
    TaskFunction<Object, Object> big = item -> bytes((Integer) item == 2 ? 2 * LIMIT : 10);
    Throwable refused = failureOf(run(new MapChunk(big, List.of(1, 2, 3))));

    assertTrue(refused.getMessage().startsWith("the results of a map chunk of 3 items are 8,"), refused.getMessage());
    assertTrue(refused.getMessage().endsWith("a smaller chunksize may fit"), refused.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void anItemResultOverTheLimitFailsAloneAndItsChunkMatesComeBack() throws Exception {
    TaskFunction<Object, Object> big = item -> bytes((Integer) item == 2 ? 2 * LIMIT : 10 + (Integer) item);
    List<byte[]> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      items.add(KryoCodec.get().encode(i, "an item"));
    }
    List<ItemResult> answers = (List<ItemResult>) valueOf(run(
        new EachItem(KryoCodec.get().encode(big, "the function"), items)));

    for (int i = 0; i < 5; i++) {
      if (i == 2) {
        assertTrue(!answers.get(i).success());
        Throwable refused = ThrowableCodec.decode(answers.get(i).payload());
        assertTrue(refused.getMessage().startsWith("a map item's result is 8,"), refused.getMessage());
      } else {
        assertArrayEquals(bytes(10 + i), (byte[]) KryoCodec.get().decode(answers.get(i).payload(), "item"));
      }
    }
  }
}
