package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private static void write(Outbox outbox, int bytes) {
    outbox.forMessageOf(bytes).writeBytes(new byte[bytes]);
  }

  @Test
  void smallMessagesShareOneFrame() {
    Outbox outbox = new Outbox();
    for (int i = 0; i < 100; i++) {
      write(outbox, 100);
    }
    assertEquals(10_000, outbox.takeFrame().length);
    assertNull(outbox.takeFrame());
  }

  @Test
  void bigMessagesAreCutIntoFramesNearTheTarget() {
    Outbox outbox = new Outbox();
    int big = 3 * 1024 * 1024;
    for (int i = 0; i < 5; i++) {
      write(outbox, big);
    }
    int frames = 0;
    for (byte[] frame; (frame = outbox.takeFrame()) != null; frames++) {
      assertTrue(frame.length <= Math.max(big, Outbox.FRAME_TARGET), "frame of " + frame.length);
    }
    assertEquals(5, frames);
  }

  @Test
  void aMessageLargerThanTheTargetTravelsAlone() {
    Outbox outbox = new Outbox();
    write(outbox, 10);
    write(outbox, Outbox.FRAME_TARGET + 1);
    write(outbox, 10);
    assertEquals(10, outbox.takeFrame().length);
    assertEquals(Outbox.FRAME_TARGET + 1, outbox.takeFrame().length);
    assertEquals(10, outbox.takeFrame().length);
    assertNull(outbox.takeFrame());
  }

  @Test
  void framesAreCutAtTheConnectionsLimitWhenItIsBelowTheTarget() {
    Outbox outbox = new Outbox();
    outbox.limitFramesTo(1000);
    for (int i = 0; i < 10; i++) {
      write(outbox, 300);
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(900, outbox.takeFrame().length, "three messages a frame, the fourth would not fit");
    }
    assertEquals(300, outbox.takeFrame().length);
    assertNull(outbox.takeFrame());
  }

  @Test
  void aLimitAboveTheTargetLeavesTheTarget() {
    Outbox outbox = new Outbox();
    outbox.limitFramesTo(Integer.MAX_VALUE);
    write(outbox, Outbox.FRAME_TARGET - 10);
    write(outbox, 20);
    assertEquals(Outbox.FRAME_TARGET - 10, outbox.takeFrame().length);
  }

  @Test
  void aLargeMessageOfTheSizeItAskedForIsItsOwnFrameUncopied() {
    Outbox outbox = new Outbox();
    write(outbox, 10);
    Output large = outbox.forMessageOf(Outbox.ALONE_BYTES);
    large.writeBytes(new byte[Outbox.ALONE_BYTES]);
    write(outbox, 10);
    write(outbox, 10);
    assertEquals(10, outbox.takeFrame().length, "the small message before it went out on its own");
    assertSame(large.getBuffer(), outbox.takeFrame(), "the array it was written into is the frame");
    assertEquals(20, outbox.takeFrame().length, "the small ones after it share a frame again");
    assertNull(outbox.takeFrame());
  }

  @Test
  void aLargeMessageSmallerThanItAskedForIsTrimmed() {
    Outbox outbox = new Outbox();
    outbox.forMessageOf(Outbox.ALONE_BYTES + 16).writeBytes(new byte[Outbox.ALONE_BYTES]);
    assertEquals(Outbox.ALONE_BYTES, outbox.takeFrame().length);
    write(outbox, 10);
    assertEquals(10, outbox.takeFrame().length);
  }

  @Test
  void largeMessagesInARowAreAFrameEach() {
    Outbox outbox = new Outbox();
    write(outbox, Outbox.ALONE_BYTES);
    write(outbox, Outbox.ALONE_BYTES);
    assertEquals(Outbox.ALONE_BYTES, outbox.takeFrame().length);
    assertEquals(Outbox.ALONE_BYTES, outbox.takeFrame().length);
    assertNull(outbox.takeFrame());
  }
}
