package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.procpool.Task;
import io.procpool.TaskFunction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lambdas survive the codec again and again, with what they capture, through the caches. */
class LambdaSerializerTest {
  private static int twice(int x) {
    return 2 * x;
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(Object value) {
    KryoCodec codec = KryoCodec.get();
    return (T) codec.decode(codec.encode(value, "test value"), "test value");
  }

  @Test
  void aLambdaThatCapturesNothingIsRebuiltOnceAndServesAgain() throws Exception {
    TaskFunction<Integer, Integer> function = LambdaSerializerTest::twice;
    TaskFunction<Integer, Integer> first = roundTrip(function);
    TaskFunction<Integer, Integer> second = roundTrip(function);
    assertEquals(42, first.apply(21));
    assertSame(first, second);
  }

  @Test
  void capturedValuesAreNeverCached() throws Exception {
    for (int i = 0; i < 5; i++) {
      int captured = i;
      String label = "n" + i;
      Task<String> task = () -> label + ":" + (captured * 10);
      Task<String> back = roundTrip(task);
      assertEquals(label + ":" + (captured * 10), back.call());
    }
  }

  @Test
  void lambdasInsideAGraphKeepTheirSharing() throws Exception {
    TaskFunction<Integer, Integer> function = LambdaSerializerTest::twice;
    List<Object> both = new ArrayList<>(List.of(function, function));
    List<Object> back = roundTrip(both);
    assertSame(back.get(0), back.get(1));
  }
}
