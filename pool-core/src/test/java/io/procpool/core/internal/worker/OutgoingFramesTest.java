package io.procpool.core.internal.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.core.internal.wire.Wire;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OutgoingFramesTest {
  private static final int LIMIT = 1024;
  private final RecordingConnection connection = new RecordingConnection(LIMIT);
  private final OutgoingFrames frames = new OutgoingFrames();

  OutgoingFramesTest() {
    frames.connect(connection);
  }

  private static byte[] text(int length, int seed) {
    byte[] text = new byte[length];
    for (int i = 0; i < length; i++) {
      text[i] = (byte) ('a' + (i + seed) % 26);
    }
    return text;
  }

  private void answer(long id, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    Wire.writeOutcome(frames.room(Wire.outcomeBytes(id, payload.length)), Wire.RESULT, id, 1_000, payload);
  }

  @Test
  void outputAndAnAnswerThatFitTogetherGoInOneFrame() {
    frames.output(Wire.STDOUT, text(100, 0), 100);
    answer(1, 100);
    frames.send();

    assertEquals(1, connection.frames().size());
    assertEquals(List.of((byte) -Wire.STDOUT, Wire.RESULT), connection.messages().stream().map(m -> m.kind()).toList());
  }

  @Test
  void anAnswerThatWouldNotFitBesideTheOutputHeldSendsTheOutputFirst() {
    frames.output(Wire.STDOUT, text(600, 0), 600);
    answer(1, 600);
    frames.send();

    assertEquals(2, connection.frames().size());
    assertTrue(connection.largestFrame() <= LIMIT);
    assertEquals(List.of((byte) -Wire.STDOUT, Wire.RESULT), connection.messages().stream().map(m -> m.kind()).toList());
  }

  @Test
  void outputLongerThanAFrameIsCutIntoFramesThatFitAndArrivesWholeAndInOrder() {
    byte[] out = text(3 * LIMIT + 77, 0);
    byte[] err = text(2 * LIMIT, 5);
    frames.output(Wire.STDOUT, text(10, 9), 10);
    frames.output(Wire.STDOUT, out, out.length);
    frames.output(Wire.STDERR, err, err.length);
    answer(1, LIMIT - 64);
    frames.send();

    assertTrue(connection.largestFrame() <= LIMIT, "largest frame " + connection.largestFrame());
    byte[] expected = new byte[10 + out.length];
    System.arraycopy(text(10, 9), 0, expected, 0, 10);
    System.arraycopy(out, 0, expected, 10, out.length);
    assertArrayEquals(expected, connection.output(Wire.STDOUT));
    assertArrayEquals(err, connection.output(Wire.STDERR));
    List<RecordingConnection.Message> messages = connection.messages();
    assertEquals(Wire.RESULT, messages.get(messages.size() - 1).kind(), "the answer last, after all the output");
  }

  @Test
  void onlyWhatOutputIsGivenIsSent() {
    byte[] buffer = text(LIMIT * 2, 0);
    frames.output(Wire.STDOUT, buffer, 5);
    frames.send();

    assertArrayEquals(text(5, 0), connection.output(Wire.STDOUT));
  }

  @Test
  void aLargeAnswersBufferIsNotKeptAfterItsFrameIsSent() {
    RecordingConnection roomy = new RecordingConnection(64 << 20);
    OutgoingFrames large = new OutgoingFrames();
    large.connect(roomy);
    byte[] big = text(3 << 20, 1);
    Wire.writeOutcome(large.room(Wire.outcomeBytes(1, big.length)), Wire.RESULT, 1, 1_000, big);
    assertTrue(large.bufferBytes() >= big.length);

    large.send();
    assertTrue(large.bufferBytes() <= OutgoingFrames.KEPT_BUFFER_BYTES, "kept " + large.bufferBytes() + " bytes");
    byte[] small = text(100, 2);
    Wire.writeOutcome(large.room(Wire.outcomeBytes(2, small.length)), Wire.RESULT, 2, 1_000, small);
    large.send();

    assertEquals(2, roomy.frames().size());
    assertArrayEquals(big, roomy.messages().get(0).payload());
    assertArrayEquals(small, roomy.messages().get(1).payload());
  }
}
