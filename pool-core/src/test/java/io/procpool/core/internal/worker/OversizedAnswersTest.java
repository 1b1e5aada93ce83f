package io.procpool.core.internal.worker;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.core.internal.wire.FrameLimit;
import io.procpool.core.internal.wire.ThrowableCodec;
import io.procpool.core.internal.wire.Wire;
import org.junit.jupiter.api.Test;

class OversizedAnswersTest {
  /** The smallest limit the SPI supports. */
  private static final FrameLimit SMALLEST = new FrameLimit(1024);

  @Test
  void anExceptionThatFitsIsSentAsItIs() {
    byte[] encoded = ThrowableCodec.encode(new IllegalStateException("small"));
    assertSame(encoded, OversizedAnswers.fitFailure(new FrameLimit(1 << 20), encoded, length -> Wire.outcomeBytes(1, length)));
  }

  @Test
  void whatStandsInForAnExceptionTooLargeFitsEvenTheSmallestLimit() {
    Exception huge = new IllegalStateException("m".repeat(100_000), new RuntimeException("cause ".repeat(1_000)));
    byte[] fitted = OversizedAnswers.fitFailure(SMALLEST, ThrowableCodec.encode(huge),
        length -> Wire.outcomeBytes(Long.MAX_VALUE, length));

    assertTrue(SMALLEST.admits(Wire.outcomeBytes(Long.MAX_VALUE, fitted.length)), fitted.length + " bytes");
    String message = ThrowableCodec.decode(fitted).getMessage();
    assertTrue(message.startsWith("the task's exception is 1"), message);
    assertTrue(message.endsWith("over the transport's frame limit of 1,024 bytes: the worker sent this instead"), message);
  }

  @Test
  void aLargerLimitGetsTheExceptionQuoted() {
    byte[] fitted = OversizedAnswers.fitFailure(new FrameLimit(4096),
        ThrowableCodec.encode(new IllegalStateException("m".repeat(100_000))), Wire::initFailedBytes);

    assertTrue(ThrowableCodec.decode(fitted).getMessage().startsWith("the task's exception (java.lang.IllegalStateException: mmm"));
  }
}
