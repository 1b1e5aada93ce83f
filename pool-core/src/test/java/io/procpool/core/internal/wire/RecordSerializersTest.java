package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.procpool.TaskBiFunction;
import io.procpool.TaskFunction;
import io.procpool.core.internal.map.EachItem.ItemResult;
import io.procpool.core.internal.map.EachItem.SingleItem;
import io.procpool.core.internal.map.EachItem;
import io.procpool.core.internal.map.StarmapPairs.Pair;
import io.procpool.core.internal.map.StarmapPairs.Spread;
import io.procpool.core.internal.wire.Invocations.Apply;
import io.procpool.core.internal.wire.Invocations.Call;
import io.procpool.core.internal.wire.Invocations.MapChunk;
import io.procpool.core.internal.wire.Invocations.Run;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The core's records survive the trip with their hand-written serializers, nulls included. */
class RecordSerializersTest {
  private static <T> T roundTrip(T value) {
    return KryoCodecTest.roundTrip(value);
  }

  static int twice(int x) {
    return 2 * x;
  }

  @Test
  @SuppressWarnings("unchecked")
  void invocationsCarryTheirFunctionAndArguments() throws Exception {
    TaskFunction<Integer, Integer> twice = RecordSerializersTest::twice;
    assertEquals(14, roundTrip(new Apply((TaskFunction<Object, ?>) (TaskFunction<?, ?>) twice, 7)).invoke());
    Apply withNull = roundTrip(new Apply((TaskFunction<Object, ?>) (TaskFunction<?, ?>) (TaskFunction<Object, String>) String::valueOf, null));
    assertNull(withNull.argument());
    assertEquals("null", withNull.invoke());
    assertEquals(3, roundTrip(new Call(() -> 3)).invoke());
    assertNull(roundTrip(new Run(() -> { })).invoke());
    MapChunk chunk = roundTrip(new MapChunk((TaskFunction<Object, ?>) (TaskFunction<?, ?>) twice, new ArrayList<>(List.of(1, 2, 3))));
    assertEquals(List.of(2, 4, 6), chunk.invoke());
  }

  @Test
  @SuppressWarnings("unchecked")
  void chunksOfEncodedItemsKeepEveryByte() throws Exception {
    KryoCodec codec = KryoCodec.get();
    byte[] function = codec.encode((TaskFunction<Integer, Integer>) RecordSerializersTest::twice, "f");
    EachItem each = roundTrip(new EachItem(function, List.of(codec.encode(4, "i"), codec.encode(5, "i"))));
    List<ItemResult> results = (List<ItemResult>) each.invoke();
    assertEquals(List.of(8, 10), results.stream().map(r -> codec.decode(r.payload(), "r")).toList());
    assertEquals(8, roundTrip(new SingleItem(function, 4)).invoke());
    ItemResult failed = roundTrip(new ItemResult(false, new byte[] {1, 2, 3}));
    assertFalse(failed.success());
    assertArrayEquals(new byte[] {1, 2, 3}, failed.payload());
  }

  @Test
  @SuppressWarnings("unchecked")
  void starmapPairsKeepBothHalvesEvenNull() throws Exception {
    assertEquals(new Pair("a", null), roundTrip(new Pair("a", null)));
    TaskBiFunction<Object, Object, ?> join = (a, b) -> a + "-" + b;
    Spread spread = roundTrip(new Spread(join));
    assertEquals("x-y", spread.apply(new Pair("x", "y")));
    assertEquals(Arrays.asList(null, 1), roundTrip(new ArrayList<>(Arrays.asList(null, 1))));
  }
}
