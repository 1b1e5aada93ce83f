package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Task;
import io.procpool.TaskFunction;
import io.procpool.TaskSerializationException;
import io.procpool.core.internal.wire.Invocations.Apply;
import io.procpool.core.internal.wire.Invocations.Call;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedCapturesTest {
  private final KryoCodec codec = KryoCodec.get();
  private final byte[] large = new byte[SharedCaptures.MIN_BYTES];

  @Test
  void aTaskThatCapturesOnlySmallValuesTravelsWhole() throws Exception {
    int small = 42;
    KryoCodec.Encoded encoded = codec.encodeTask(new Call((Task<Integer>) () -> small), "task", new SharedCaptures());
    assertEquals(List.of(), encoded.shared());
    assertEquals(42, ((Call) codec.decode(encoded.bytes(), "task")).task().call());
  }

  @Test
  void aLargeArgumentBesideASmallCaptureTravelsWholeAndSharesNothing() throws Exception {
    int offset = 1;
    TaskFunction<Object, Integer> function = x -> ((byte[]) x).length + offset;
    KryoCodec.Encoded encoded = codec.encodeTask(new Apply(function, large), "task", new SharedCaptures());
    assertEquals(List.of(), encoded.shared());
    assertTrue(encoded.bytes().length > large.length, "the argument is in the task");
    assertEquals(large.length + 1, ((Apply) codec.decode(encoded.bytes(), "task")).invoke());
  }

  @Test
  void aLargeCaptureIsLeftOutOfTheTaskAndRebuiltFromTheWorkersCopy() throws Exception {
    byte[] captured = large;
    KryoCodec.Encoded encoded = codec.encodeTask(new Call((Task<Integer>) () -> captured.length), "task",
        new SharedCaptures());
    assertEquals(1, encoded.shared().size());
    assertTrue(encoded.bytes().length < 1024, "the task without its capture: " + encoded.bytes().length + " bytes");

    SharedValue value = encoded.shared().get(0);
    assertEquals(SharedKey.of(value.bytes()), value.key());
    Object decoded = codec.decodeApart(value.bytes(), value.key());
    codec.readSharedValuesFrom(key -> decoded);
    try {
      assertEquals(large.length, ((Call) codec.decode(encoded.bytes(), "task")).task().call());
    } finally {
      codec.readSharedValuesFrom(null);
    }
  }

  @Test
  void theChunksOfOneCallEncodeTheirLargeCaptureOnceAndReferToTheSameValue() {
    byte[] captured = large;
    TaskFunction<Object, Integer> function = x -> captured.length;
    SharedCaptures call = new SharedCaptures();
    KryoCodec.Encoded first = codec.encodeTask(new MapChunk(function, List.of(1)), "task", call);
    KryoCodec.Encoded second = codec.encodeTask(new MapChunk(function, List.of(2)), "task", call);
    assertSame(first.shared().get(0), second.shared().get(0));
  }

  @Test
  void equalValuesCapturedByDifferentCallsHaveOneKey() {
    byte[] one = large;
    byte[] other = large.clone();
    SharedValue a = codec.encodeTask(new Call((Task<Integer>) () -> one.length), "task", new SharedCaptures()).shared().get(0);
    SharedValue b = codec.encodeTask(new Call((Task<Integer>) () -> other.length), "task", new SharedCaptures()).shared().get(0);
    assertEquals(a.key(), b.key());
  }

  @Test
  void aReferenceDecodedWhereNoSharedValuesAreKeptFailsNamingIt() {
    byte[] captured = large;
    KryoCodec.Encoded encoded = codec.encodeTask(new Call((Task<Integer>) () -> captured.length), "task",
        new SharedCaptures());
    TaskSerializationException failure = assertThrows(TaskSerializationException.class,
        () -> codec.decode(encoded.bytes(), "the task"));
    assertTrue(failure.getMessage().contains("shared value " + encoded.shared().get(0).key()), failure.getMessage());
  }
}
