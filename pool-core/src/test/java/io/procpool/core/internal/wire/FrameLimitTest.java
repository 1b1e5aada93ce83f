package io.procpool.core.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.TaskSerializationException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameLimitTest {
  private final FrameLimit limit = new FrameLimit(65_536);

  @Test
  void aMessageOfTheLimitExactlyIsAdmittedAndOneByteMoreIsNot() {
    assertTrue(limit.admits(65_536));
    assertFalse(limit.admits(65_537));
    assertTrue(FrameLimit.NONE.admits(Integer.MAX_VALUE));
  }

  @Test
  void aLimitThatMakesNoSenseCountsAsNone() {
    assertSame(FrameLimit.NONE, FrameLimit.of(0));
    assertSame(FrameLimit.NONE, FrameLimit.of(-5));
    assertEquals(new FrameLimit(1024), FrameLimit.of(1024));
  }

  @Test
  void theRefusalNamesSizeAndLimitWithThousandsSeparatedAndHasNoStack() {
    TaskSerializationException refusal = limit.refusal("the task's result is", 262_189, "the worker did not send it");

    assertEquals("the task's result is 262,189 bytes on the wire, over the transport's frame limit of 65,536"
        + " bytes: the worker did not send it", refusal.getMessage());
    assertEquals(0, refusal.getStackTrace().length);
    assertTrue(ThrowableCodec.encode(refusal).length < 1024, "small enough to travel itself");
  }

  @Test
  void theSummaryOfAnExceptionNamesItsTypeAndTheStartOfItsMessage() {
    String summary = FrameLimit.summary(ThrowableCodec.encode(new IllegalStateException("m".repeat(10_000))));

    assertEquals("java.lang.IllegalStateException: " + "m".repeat(160) + "…", summary);
    assertEquals("java.lang.IllegalStateException", FrameLimit.summary(ThrowableCodec.encode(new IllegalStateException())));
  }

  @Test
  void theSummaryReadsOnlyTheDescriptionSoNothingOfTheExceptionIsDeserialized() {
    byte[] encoded = ThrowableCodec.encode(new IllegalArgumentException("bad"));
    Arrays.fill(encoded, encoded.length - 40, encoded.length, (byte) 0x7f); // its serialized form, spoilt

    assertEquals("java.lang.IllegalArgumentException: bad", FrameLimit.summary(encoded));
    assertEquals("an exception that cannot be read", FrameLimit.summary(new byte[] {1}));
  }
}
