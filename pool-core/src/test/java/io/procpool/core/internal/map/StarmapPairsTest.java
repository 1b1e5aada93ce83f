package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.TaskBiFunction;
import io.procpool.core.internal.map.StarmapPairs.Pair;
import io.procpool.core.internal.wire.KryoCodec;
import java.util.AbstractMap.SimpleEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StarmapPairsTest {

  @Test
  void entriesBecomePairsWhoseHalvesMayBeNull() {
    assertEquals(List.of(new Pair(1, "a"), new Pair(null, null)),
        StarmapPairs.toPairs(List.of(Map.entry(1, "a"), new SimpleEntry<>(null, null))));
  }

  @Test
  void aNullPairIsRejectedNamingItsPosition() {
    NullPointerException error = assertThrows(NullPointerException.class,
        () -> StarmapPairs.toPairs(Arrays.asList(Map.entry(1, 2), null)));
    assertTrue(error.getMessage().contains("pair 1"), error.getMessage());
  }

  @Test
  void spreadCallsTheFunctionWithBothHalvesAndSurvivesTheTrip() throws Exception {
    TaskBiFunction<Integer, Integer, Integer> max = Math::max;
    Object travelled = KryoCodec.get().decode(KryoCodec.get().encode(StarmapPairs.spread(max), "f"), "f");
    assertEquals(5, ((StarmapPairs.Spread) travelled).apply(new Pair(5, 3)));
  }
}
