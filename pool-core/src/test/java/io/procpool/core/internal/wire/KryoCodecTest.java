package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Task;
import io.procpool.TaskFunction;
import io.procpool.TaskSerializationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KryoCodecTest {
  record Point(int x, int y, List<String> tags) {}

  static final class Node {
    String name;
    Node next;
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) {
    KryoCodec codec = KryoCodec.get();
    return (T) codec.decode(codec.encode(value, "value"), "value");
  }

  static int triple(int x) {
    return 3 * x;
  }

  @Test
  void lambdaWithCapturedValuesRoundTrips() throws Exception {
    int base = 40;
    List<Integer> extra = List.of(1, 1);
    Task<Integer> task = () -> base + extra.get(0) + extra.get(1);
    assertEquals(42, roundTrip(task).call());
  }

  @Test
  void methodReferenceRoundTrips() throws Exception {
    TaskFunction<Integer, Integer> function = KryoCodecTest::triple;
    assertEquals(21, roundTrip(function).apply(7));
  }

  @Test
  void recordsAndJdkCollectionsRoundTrip() {
    Point point = new Point(1, 2, List.of("a", "b"));
    assertEquals(point, roundTrip(point));
    assertEquals(List.of(1, 2, 3), roundTrip(List.of(1, 2, 3)));
    assertEquals(Map.of("k", 1), roundTrip(Map.of("k", 1)));
    assertEquals(Arrays.asList(1, null), roundTrip(Arrays.asList(1, null)));
    assertEquals(List.of(4), roundTrip(Collections.unmodifiableList(new ArrayList<>(List.of(4)))));
    assertEquals(new TreeMap<>(Map.of("z", 1, "a", 2)), roundTrip(new TreeMap<>(Map.of("z", 1, "a", 2))));
    assertEquals(Optional.of("x"), roundTrip(Optional.of("x")));
    assertEquals(new HashMap<>(), roundTrip(new HashMap<>()));
    assertEquals(java.nio.file.Path.of("/tmp/a b"), roundTrip(java.nio.file.Path.of("/tmp/a b")));
    assertEquals(new java.io.File("rel/x"), roundTrip(new java.io.File("rel/x")));
    assertEquals(java.util.UUID.nameUUIDFromBytes(new byte[1]), roundTrip(java.util.UUID.nameUUIDFromBytes(new byte[1])));
    assertEquals(java.time.Duration.ofSeconds(3), roundTrip(java.time.Duration.ofSeconds(3)));
    assertEquals(new java.math.BigDecimal("1.50"), roundTrip(new java.math.BigDecimal("1.50")));
    assertEquals(Map.entry("k", 2), roundTrip(Map.entry("k", 2)));
    assertEquals(java.net.URI.create("http://example.org/a"), roundTrip(java.net.URI.create("http://example.org/a")));
    assertEquals("a+b", roundTrip(java.util.regex.Pattern.compile("a+b")).pattern());
    assertEquals(List.of(2, 3), roundTrip(new ArrayList<>(List.of(1, 2, 3, 4)).subList(1, 3)));
    assertEquals(5, roundTrip(new java.util.concurrent.atomic.AtomicInteger(5)).get());
  }

  @Test
  void cyclicGraphsKeepTheirShape() {
    Node a = new Node();
    Node b = new Node();
    a.name = "a";
    b.name = "b";
    a.next = b;
    b.next = a;
    Node copy = roundTrip(a);
    assertEquals("b", copy.next.name);
    assertSame(copy, copy.next.next);
  }

  @Test
  void unserializableValueIsAClearErrorNamingItsType() {
    TaskSerializationException error = assertThrows(TaskSerializationException.class,
        () -> KryoCodec.get().encode(new Thread("t"), "the thing"));
    assertTrue(error.getMessage().contains("the thing") && error.getMessage().contains("java.lang.Thread"),
        error.getMessage());
  }

  /** A map chunk's answer is our column of values: the message names the value that failed, not the column. */
  @Test
  void aMapValueThatBelongsToTheWorkerIsNamedNotTheColumnHoldingIt() {
    Object values = io.procpool.core.internal.map.ObjectColumn.of(new Object[] {1, "two", Thread.currentThread(), 4});
    TaskSerializationException error = assertThrows(TaskSerializationException.class,
        () -> KryoCodec.get().encode(values, "the task's result"));
    assertEquals("Cannot serialize the task's result: it is a map's values, among them a java.lang.Thread, which"
        + " belongs to this process and cannot travel to another. Return the values you need from it instead.",
        error.getMessage());
  }

  @Test
  void aResultThatBelongsToTheWorkerSaysWhatToReturnInstead() {
    TaskSerializationException error = assertThrows(TaskSerializationException.class,
        () -> KryoCodec.get().encode(Thread.currentThread(), "the task's result"));
    assertEquals("Cannot serialize the task's result: it is a java.lang.Thread, which belongs to this process and"
        + " cannot travel to another. Return the values you need from it instead.", error.getMessage());
  }

  /** Holds a JDK object whose fields Kryo may not read, which is not of this process as such. */
  record WithChecksum(java.util.zip.CRC32 checksum) {}

  @Test
  void aClosedJdkTypeSaysToSendWhatItIsMadeOf() {
    TaskSerializationException error = assertThrows(TaskSerializationException.class,
        () -> KryoCodec.get().encode(new WithChecksum(new java.util.zip.CRC32()), "the task's argument"));
    assertEquals("Cannot serialize the task's argument: it is an " + WithChecksum.class.getName() + ", which holds"
        + " a java.util.zip.CRC32, a JDK type whose fields are closed to serialization. Send the values it is"
        + " made of instead, or create it in the task.", error.getMessage());
  }

  @Test
  void anInitializerCapturingAnInputStreamSaysToCreateItThere() throws Exception {
    try (java.io.InputStream in = new java.io.FileInputStream("/dev/null")) {
      io.procpool.VoidTask initializer = () -> in.read();
      TaskSerializationException error = assertThrows(TaskSerializationException.class,
          () -> KryoCodec.get().encode(new Invocations.Run(initializer), "the pool's initializer"));
      assertEquals("Cannot serialize the pool's initializer: the lambda declared in " + KryoCodecTest.class.getName()
          + ".anInitializerCapturingAnInputStreamSaysToCreateItThere captures a java.io.FileInputStream, which belongs to this process and cannot travel to another."
          + " Create it in the initializer instead.", error.getMessage());
    }
  }

  @Test
  void codecStillWorksAfterAFailure() {
    assertThrows(TaskSerializationException.class, () -> KryoCodec.get().encode(new Thread("t"), "x"));
    assertEquals("fine", roundTrip("fine"));
  }

  @Test
  void garbageBytesAreAClearError() {
    TaskSerializationException error = assertThrows(TaskSerializationException.class,
        () -> KryoCodec.get().decode(new byte[] {99, 1, 2}, "the result"));
    assertTrue(error.getMessage().contains("the result"), error.getMessage());
  }

  @Test
  void aFunctionWithoutStateIsRebuiltOnceAndOneWithStateEveryTime() {
    KryoCodec codec = KryoCodec.get();
    byte[] tripleBytes = codec.encode((TaskFunction<Integer, Integer>) KryoCodecTest::triple, "f");
    Object first = codec.decodeFunction(tripleBytes, "f");
    assertSame(first, codec.decodeFunction(tripleBytes.clone(), "f"), "same bytes, stateless: the same function");
    int[] counter = {0};
    byte[] countingBytes = codec.encode((TaskFunction<Integer, Integer>) x -> x + counter[0]++, "f");
    Object counting = codec.decodeFunction(countingBytes, "f");
    assertTrue(counting != codec.decodeFunction(countingBytes, "f"), "captured state is never shared");
    assertTrue(first != codec.decodeFunction(countingBytes, "f"));
    assertSame(first.getClass(), codec.decodeFunction(tripleBytes, "f").getClass());
  }
}
