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

  private static int times2(int x) {
    return 2 * x;
  }

  private static int times3(int x) {
    return 3 * x;
  }

  @Test
  void lambdasThatAlternateAreEachRebuiltAsThemselves() throws Exception {
    // times2 and times3 differ in one character: their blocks have the same length, so the
    // comparison with the block read last, not its length, tells them apart
    TaskFunction<Integer, Integer> doubling = LambdaSerializerTest::times2;
    TaskFunction<Integer, Integer> tripling = LambdaSerializerTest::times3;
    for (int i = 0; i < 4; i++) {
      TaskFunction<Integer, Integer> first = roundTrip(doubling);
      TaskFunction<Integer, Integer> again = roundTrip(doubling);
      TaskFunction<Integer, Integer> other = roundTrip(tripling);
      assertEquals(10, first.apply(5));
      assertEquals(10, again.apply(5));
      assertEquals(15, other.apply(5));
    }
  }

  @Test
  void aLambdaThatCapturesALambdaIsRebuiltAsItselfEveryTime() throws Exception {
    TaskFunction<Integer, Integer> inner = LambdaSerializerTest::times3;
    Task<Integer> outer = () -> inner.apply(14) + 0;
    for (int i = 0; i < 3; i++) {
      // from the second time on, the outer block is the one read last, and reading the inner
      // lambda it captures comes between that finding and the outer's rebuilding
      Task<Integer> back = roundTrip(outer);
      assertEquals(42, back.call());
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
