package io.procpool.core.internal.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.core.internal.map.EachItem.ItemResult;
import io.procpool.core.internal.wire.FrameLimit;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.ThrowableCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a chunk's answers are made to fit a worker's frame: which items are left out, and what they say. */
class EachItemFittedTest {
  private static final FrameLimit LIMIT = new FrameLimit(65_536);
  private final EachItem chunk = new EachItem(new byte[0], List.of());

  private static List<ItemResult> answersOf(int... sizes) {
    List<ItemResult> answers = new ArrayList<>();
    for (int size : sizes) {
      answers.add(new ItemResult(true, new byte[size]));
    }
    return answers;
  }

  @SuppressWarnings("unchecked")
  private List<ItemResult> fitted(List<ItemResult> answers, long maxBytes) {
    List<ItemResult> fitted = (List<ItemResult>) chunk.fitted(answers, maxBytes, LIMIT);
    assertTrue(KryoCodec.get().encode(fitted, "answers").length <= maxBytes || fitted.equals(answers));
    return fitted;
  }

  private static String messageOf(ItemResult leftOut) {
    return ThrowableCodec.decode(leftOut.payload()).getMessage();
  }

  @Test
  void anAnswerTooLargeByItselfFailsAloneAndSaysSo() {
    List<ItemResult> answers = answersOf(100, 200_000, 300);

    List<ItemResult> fitted = fitted(answers, 60_000);

    assertSame(answers.get(0), fitted.get(0));
    assertSame(answers.get(2), fitted.get(2));
    assertEquals("a map item's result is 200,000 bytes on the wire, over the transport's frame limit of 65,536"
        + " bytes: the worker did not send it; the other items of its chunk came back", messageOf(fitted.get(1)));
  }

  @Test
  void ofAnswersThatFitOnlyOneByOneTheLastAreLeftOutUntilTheRestFit() {
    List<ItemResult> fitted = fitted(answersOf(20_000, 20_000, 20_000, 20_000, 20_000), 60_000);

    for (int i = 0; i < 2; i++) {
      assertTrue(fitted.get(i).success(), "item " + i);
    }
    for (int i = 2; i < 5; i++) { // three of 20,000 and two stand-ins of about 1,000 would not fit in 60,000
      String message = messageOf(fitted.get(i));
      assertTrue(message.startsWith("the answers of a map chunk are 100,0"), message);
      assertTrue(message.contains("this item's answer, 20,000 bytes, was left out"), message);
    }
  }

  @Test
  void theLargestAreLeftOutFirst() {
    List<ItemResult> fitted = fitted(answersOf(10_000, 50_000, 10_000, 30_000), 60_000);

    assertEquals(List.of(true, false, true, true), fitted.stream().map(ItemResult::success).toList());
  }

  @Test
  void answersNoLargerThanTheirStandInStay() {
    List<ItemResult> answers = answersOf(new int[200]); // 200 empty answers cannot shrink
    assertEquals(answers, fitted(answers, 10));
  }
}
