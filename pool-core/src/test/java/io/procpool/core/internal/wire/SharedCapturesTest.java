package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

  @Test
  void aLargeCaptureUnchangedSinceAnEarlierCallIsNotEncodedOrHashedAgain() {
    List<String> captured = strings(20_000);
    SharedValue first = codec.encodeTask(new Call((Task<Integer>) () -> captured.size()), "task", new SharedCaptures()).shared().get(0);
    SharedValue again = codec.encodeTask(new Call((Task<Integer>) () -> captured.size() + 1), "task", new SharedCaptures()).shared().get(0);
    assertSame(first, again, "the same object, proven unchanged: the known encoding");
  }

  @Test
  void aLargeCaptureChangedBetweenCallsIsEncodedAgainAndDecodesAsItIsNow() throws Exception {
    List<String> captured = strings(20_000);
    Task<String> last = () -> captured.get(captured.size() - 1);
    SharedValue before = codec.encodeTask(new Call(last), "task", new SharedCaptures()).shared().get(0);

    captured.set(captured.size() - 1, "changed"); // same size, one element replaced
    SharedValue replaced = codec.encodeTask(new Call(last), "task", new SharedCaptures()).shared().get(0);
    assertNotEquals(before.key(), replaced.key());
    assertEquals("changed", lastOf(codec.decodeApart(replaced.bytes(), replaced.key())));

    captured.add("added");
    SharedValue grown = codec.encodeTask(new Call(last), "task", new SharedCaptures()).shared().get(0);
    assertEquals("added", lastOf(codec.decodeApart(grown.bytes(), grown.key())));
  }

  @Test
  void aChangedPrimitiveArrayOrAMutableElementIsSeenAsChanged() {
    byte[] bytes = large.clone();
    Task<Integer> first = () -> (int) bytes[0];
    SharedValue before = codec.encodeTask(new Call(first), "task", new SharedCaptures()).shared().get(0);
    bytes[0] = 7;
    SharedValue after = codec.encodeTask(new Call(first), "task", new SharedCaptures()).shared().get(0);
    assertNotEquals(before.key(), after.key());

    // StringBuilder has no snapshot: encoded again every call, and its change shows
    List<StringBuilder> builders = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      builders.add(new StringBuilder("builder-" + i));
    }
    Task<Integer> length = () -> builders.get(0).length();
    SharedValue unchangedBuilders = codec.encodeTask(new Call(length), "task", new SharedCaptures()).shared().get(0);
    assertEquals(unchangedBuilders.key(), codec.encodeTask(new Call(length), "task", new SharedCaptures()).shared().get(0).key());
    builders.get(0).append("-changed");
    SharedValue changedBuilders = codec.encodeTask(new Call(length), "task", new SharedCaptures()).shared().get(0);
    assertNotEquals(unchangedBuilders.key(), changedBuilders.key());
  }

  private static String lastOf(Object decoded) {
    List<?> list = (List<?>) decoded;
    return (String) list.get(list.size() - 1);
  }

  private static List<String> strings(int n) {
    List<String> strings = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      strings.add("captured-string-" + i);
    }
    return strings;
  }

  @Test
  void aCaptureWithManyElementsThatEncodesSmallStillTravelsInsideTheTask() throws Exception {
    List<Integer> many = new java.util.ArrayList<>();
    for (int i = 0; i < SharedCaptures.LIKELY_LARGE_ELEMENTS; i++) {
      many.add(i % 100);
    }
    KryoCodec.Encoded encoded = codec.encodeTask(new Call((Task<Integer>) () -> many.size()), "task", new SharedCaptures());
    assertEquals(List.of(), encoded.shared());
    assertEquals(many.size(), ((Call) codec.decode(encoded.bytes(), "task")).task().call());
  }
}
