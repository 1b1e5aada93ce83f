package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.TaskFunction;
import io.procpool.TaskSerializationException;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import io.procpool.core.internal.wire.KryoCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ValueColumnTest {
  private static final TaskFunction<Object, Object> SAME = x -> x;

  /** The column {@code values} arrive as, at the other end: through a map chunk's items, as a worker reads them. */
  private static List<?> travelled(List<?> values) {
    KryoCodec codec = KryoCodec.get();
    MapChunk chunk = (MapChunk) codec.decode(codec.encode(new MapChunk(SAME, values), "task"), "task");
    return chunk.items();
  }

  /** What a worker's answer of {@code values} is, once the pool has read it. */
  private static List<?> answered(List<?> values) throws Exception {
    KryoCodec codec = KryoCodec.get();
    return (List<?>) codec.decode(codec.encode(new MapChunk(SAME, values).invoke(), "answer"), "answer");
  }

  @Test
  void numbersOfOneTypeTravelAsTheirBytesAndReadBackEqual() throws Exception {
    List<Integer> ints = List.of(Integer.MIN_VALUE, -1, 0, 1, 255, 256, Integer.MAX_VALUE);
    List<Long> longs = List.of(Long.MIN_VALUE, -1L, 0L, 1L << 40, Long.MAX_VALUE);
    List<Double> doubles = List.of(Double.NaN, -0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY);
    assertEquals(ints, assertInstanceOf(ValueColumn.IntColumn.class, travelled(ints)));
    assertEquals(longs, assertInstanceOf(ValueColumn.LongColumn.class, travelled(longs)));
    assertEquals(doubles, assertInstanceOf(ValueColumn.DoubleColumn.class, travelled(doubles)));
    assertEquals(ints, assertInstanceOf(ValueColumn.IntColumn.class, answered(ints)));
    assertEquals(doubles, assertInstanceOf(ValueColumn.DoubleColumn.class, answered(doubles)));
  }

  @Test
  void mixedTypesNullsAndOtherObjectsTravelAsObjects() throws Exception {
    List<List<?>> chunks = List.of(Arrays.asList(1, 2L), Arrays.asList(1, null, 3), Arrays.asList((Object) null),
        List.of("a", "b"), List.of(1.5f), List.of(), List.of(List.of(1, 2)));
    for (List<?> values : chunks) {
      assertEquals(values, assertInstanceOf(ObjectColumn.class, travelled(values)));
      assertEquals(values, answered(values));
    }
  }

  /** Numbers go a block of 1024 at a time: several blocks, the last one short, each element where it was. */
  @Test
  void numbersOverSeveralBlocksTravelInOrderAndBitForBit() throws Exception {
    List<Integer> ints = IntStream.range(0, 2_500).map(i -> i * 0x9E3779B1).boxed().collect(Collectors.toList());
    List<Long> longs = IntStream.range(0, 2_500).mapToObj(i -> i * 0x9E3779B97F4A7C15L).collect(Collectors.toList());
    List<Double> doubles = IntStream.range(0, 2_500).mapToObj(i -> i == 2_400
        ? Double.longBitsToDouble(0x7ff0_0000_0000_0123L) : i * -0.37).collect(Collectors.toList());
    assertEquals(ints, Arrays.asList(assertInstanceOf(ValueColumn.IntColumn.class, travelled(ints)).toArray()));
    assertEquals(longs, Arrays.asList(assertInstanceOf(ValueColumn.LongColumn.class, travelled(longs)).toArray()));
    assertEquals(ints, assertInstanceOf(ValueColumn.IntColumn.class, answered(ints)));
    assertEquals(longs, assertInstanceOf(ValueColumn.LongColumn.class, answered(longs)));
    Object[] back = assertInstanceOf(ValueColumn.DoubleColumn.class, travelled(doubles)).toArray();
    for (int i = 0; i < doubles.size(); i++) {
      assertEquals(Double.doubleToRawLongBits(doubles.get(i)), Double.doubleToRawLongBits((Double) back[i]), "item " + i);
    }
  }

  /** A number of another type, or a null, in a later block makes the whole chunk travel as objects. */
  @Test
  void anOddElementPastTheFirstBlockTurnsTheChunkIntoObjects() throws Exception {
    for (Object odd : Arrays.asList(7L, null, 7.0, "seven")) {
      List<Object> ints = new ArrayList<>(IntStream.range(0, 2_500).boxed().collect(Collectors.toList()));
      ints.set(2_049, odd);
      assertEquals(ints, assertInstanceOf(ObjectColumn.class, travelled(ints)), "with " + odd);
      List<Object> longs = new ArrayList<>(IntStream.range(0, 2_500).mapToObj(i -> (long) i).collect(Collectors.toList()));
      longs.set(1_030, odd instanceof Long ? 7 : odd);
      assertEquals(longs, assertInstanceOf(ObjectColumn.class, answered(longs)), "with " + odd);
    }
  }

  /**
   * As a worker runs a chunk of items as they arrived: values that are all numbers of one type are
   * kept as their bytes, and the first of another type, wherever it comes, turns them into
   * objects with every value before it in place.
   */
  @Test
  void aWorkersValuesTurnIntoObjectsAtTheFirstOfAnotherTypeWhereverItComes() throws Exception {
    List<?> items = travelled(IntStream.range(0, 2_500).boxed().collect(Collectors.toList()));
    for (int turn : new int[] {0, 1, 1_023, 1_024, 2_049, 2_499}) {
      TaskFunction<Object, Object> function = x -> (Integer) x >= turn ? "s" + x : (Object) ((Integer) x * 3L);
      List<Object> expected = new ArrayList<>();
      for (int i = 0; i < 2_500; i++) {
        expected.add(i >= turn ? "s" + i : (Object) (i * 3L));
      }
      Object values = new MapChunk(function, items).invoke();
      assertEquals(expected, assertInstanceOf(ObjectColumn.class, values), "turning at " + turn);
      assertEquals(expected, KryoCodec.get().decode(KryoCodec.get().encode(values, "answer"), "answer"), "turning at " + turn);
    }
    List<Long> tripled = IntStream.range(0, 2_500).mapToObj(i -> i * 3L).collect(Collectors.toList());
    Object longs = new MapChunk(x -> (Integer) x * 3L, items).invoke();
    assertEquals(tripled, assertInstanceOf(ValueColumn.LongColumn.class, longs));
    assertEquals(tripled, assertInstanceOf(ValueColumn.LongColumn.class,
        KryoCodec.get().decode(KryoCodec.get().encode(longs, "answer"), "answer")));
    assertEquals(List.of(), new MapChunk(SAME, travelled(List.of())).invoke());
  }

  @Test
  void anItemsExceptionIsTheChunksAndNoValueComesBack() {
    List<?> items = travelled(IntStream.range(0, 2_500).boxed().collect(Collectors.toList()));
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> new MapChunk(x -> {
      if ((Integer) x == 1_500) {
        throw new IllegalStateException("item 1500");
      }
      return x;
    }, items).invoke());
    assertEquals("item 1500", thrown.getMessage());
  }

  @Test
  void valuesSharedWithinAChunkStaySharedAfterTheTrip() throws Exception {
    List<Integer> shared = new ArrayList<>(List.of(1, 2));
    List<?> back = answered(List.of(shared, shared));
    assertTrue(back.get(0) == back.get(1), "one object, as Kryo writes a graph");
  }

  @Test
  void aColumnCutShortIsRefusedSayingSo() throws Exception {
    KryoCodec codec = KryoCodec.get();
    byte[] whole = codec.encode(new MapChunk(SAME, List.of(1, 2, 3, 4)).invoke(), "answer");
    byte[] cut = Arrays.copyOf(whole, whole.length - 3);
    TaskSerializationException error = assertThrows(TaskSerializationException.class, () -> codec.decode(cut, "answer"));
    assertTrue(String.valueOf(error.getCause()).contains("cut short"), String.valueOf(error.getCause()));
  }

  @Test
  void aColumnOfANegativeSizeIsRefused() {
    Output out = new Output(16);
    out.writeByte(1);
    out.writeVarInt(-4, true);
    KryoException error = assertThrows(KryoException.class,
        () -> ValueColumn.read(null, new Input(out.toBytes())));
    assertTrue(error.getMessage().contains("corrupt"), error.getMessage());
  }

  @Test
  void aPartOfNumbersTakesAnotherTypeByTurningIntoObjects() throws Exception {
    List<?> numbers = answered(List.of(1, 2, 3));
    MapResultList<Object> list = new MapResultList<>(List.of(
        castToObjects(numbers), castToObjects(answered(List.of(4L, 5L)))));
    assertEquals(2, list.set(1, 20));
    assertEquals(4L, list.set(3, "four"));
    assertEquals(Arrays.asList(1, 20, 3, "four", 5L), list);
    assertEquals(5L, list.set(4, null));
    assertEquals(Arrays.asList(1, 20, 3, "four", null), list);
  }

  @Test
  void manyThreadsReadTheSameValues() throws Exception {
    List<List<Object>> parts = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      parts.add(castToObjects(answered(IntStream.range(p * 50_000, (p + 1) * 50_000).boxed().collect(Collectors.toList()))));
    }
    MapResultList<Object> list = new MapResultList<>(parts);
    ExecutorService readers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> sums = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int from = t;
        sums.add(readers.submit(() -> {
          long sum = 0;
          for (int i = 0; i < list.size(); i++) {
            sum += (Integer) list.get((i + from * 7919) % list.size());
          }
          return sum;
        }));
      }
      long expected = 199_999L * 200_000 / 2;
      for (Future<Long> sum : sums) {
        assertEquals(expected, sum.get());
      }
    } finally {
      readers.shutdownNow();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> castToObjects(List<?> values) {
    return (List<Object>) values;
  }
}
