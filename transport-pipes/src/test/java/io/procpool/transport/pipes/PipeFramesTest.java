package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeFramesTest {
  private static InputStream bytes(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  @Test
  void framesRoundTripAndCleanEndOfStreamIsNull() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PipeFrames.writeFrame(out, new byte[] {1, 2, 3});
    PipeFrames.writeFrame(out, new byte[0]);
    InputStream in = new ByteArrayInputStream(out.toByteArray());
    assertArrayEquals(new byte[] {1, 2, 3}, PipeFrames.readFrame(in, 1024, "peer"));
    assertArrayEquals(new byte[0], PipeFrames.readFrame(in, 1024, "peer"));
    assertNull(PipeFrames.readFrame(in, 1024, "peer"));
  }

  /** Frames below, at and above the size read into one array arrive whole, however the pipe cuts them. */
  @Test
  void largeFramesArriveWholeWhenThePipeDeliversThemInPieces() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] sizes = {500_000, 1 << 20, (1 << 20) + 1, 5_000_000};
    for (int size : sizes) {
      byte[] frame = new byte[size];
      for (int i = 0; i < size; i++) {
        frame[i] = (byte) (i * 31 + size);
      }
      PipeFrames.writeFrame(out, frame);
    }
    InputStream in = new ByteArrayInputStream(out.toByteArray()) {
      @Override
      public synchronized int read(byte[] buffer, int offset, int length) {
        return super.read(buffer, offset, Math.min(length, 65_536)); // a pipe's capacity at a time
      }
    };
    for (int size : sizes) {
      byte[] frame = PipeFrames.readFrame(in, 8 << 20, "peer");
      assertEquals(size, frame.length);
      for (int i = 0; i < size; i += 4999) {
        assertEquals((byte) (i * 31 + size), frame[i], "byte " + i + " of the frame of " + size);
      }
      assertEquals((byte) ((size - 1) * 31 + size), frame[size - 1], "the last byte of the frame of " + size);
    }
    assertNull(PipeFrames.readFrame(in, 8 << 20, "peer"));
  }

  @Test
  void absurdLengthIsRejectedBeforeAnyAllocation() throws IOException {
    InputStream in = bytes(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    IOException error = assertThrows(IOException.class, () -> PipeFrames.readFrame(in, 1 << 20, "worker X"));
    assertTrue(error.getMessage().contains("over the limit") && error.getMessage().contains("worker X"), error.getMessage());
  }

  @Test
  void strayTextIsShownInTheError() throws IOException {
    InputStream in = bytes("Hello, world\n".getBytes(StandardCharsets.US_ASCII));
    IOException error = assertThrows(IOException.class, () -> PipeFrames.readFrame(in, 1 << 20, "worker X"));
    assertTrue(error.getMessage().contains("'Hell'"), error.getMessage());
  }

  @Test
  void lengthThatLiesAboutTheRestIsATruncatedFrameNotAnAllocation() throws IOException {
    InputStream in = bytes(new byte[] {0x0f, 0, 0, 0}, new byte[] {1, 2, 3});
    EOFException error = assertThrows(EOFException.class, () -> PipeFrames.readFrame(in, Integer.MAX_VALUE, "peer"));
    assertTrue(error.getMessage().contains("truncated frame") && error.getMessage().contains("3 of 251658240"),
        error.getMessage());
  }

  @Test
  void truncatedHeaderIsAnError() throws IOException {
    InputStream in = bytes(new byte[] {0, 0});
    EOFException error = assertThrows(EOFException.class, () -> PipeFrames.readFrame(in, 1024, "peer"));
    assertTrue(error.getMessage().contains("header"), error.getMessage());
  }

  @Test
  void wrongPreambleIsNamed() throws IOException {
    IOException error = assertThrows(IOException.class,
        () -> PipeFrames.readPreamble(bytes("WARNING!".getBytes(StandardCharsets.US_ASCII)), "worker Y", line -> { }));
    assertTrue(error.getMessage().contains("'WARNING!'") && error.getMessage().contains("worker Y"), error.getMessage());
    EOFException early = assertThrows(EOFException.class, () -> PipeFrames.readPreamble(bytes(), "worker Y", line -> { }));
    assertTrue(early.getMessage().contains("before the protocol started"), early.getMessage());
  }

  @Test
  void linesBeforeThePreambleAreHandedOnAndTheFirstFrameAfterItIsIntact() throws IOException {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes("[0.004s][info][gc] Using Serial\n\nab\r\n".getBytes(StandardCharsets.UTF_8));
    stream.writeBytes(PipeFrames.PREAMBLE);
    PipeFrames.writeFrame(stream, new byte[] {7, 8, 9});
    InputStream in = bytes(stream.toByteArray());
    List<String> lines = new ArrayList<>();
    PipeFrames.readPreamble(in, "worker T", lines::add);
    assertEquals(List.of("[0.004s][info][gc] Using Serial", "", "ab"), lines);
    assertArrayEquals(new byte[] {7, 8, 9}, PipeFrames.readFrame(in, 1024, "worker T"));
  }

  @Test
  void anotherVersionsPreambleIsRefusedAtOnceNamingIt() {
    byte[] other = PipeFrames.PREAMBLE.clone();
    other[other.length - 1] = 2;
    IOException error = assertThrows(IOException.class, () -> PipeFrames.readPreamble(bytes(other), "worker V", line -> { }));
    assertTrue(error.getMessage().contains("protocol version 2") && error.getMessage().contains("same procpool version"),
        error.getMessage());
  }

  @Test
  void endlessTextWithoutAPreambleIsRefusedOnceOverTheLimit() {
    byte[] text = "line of noise\n".repeat(PipeFrames.MAX_TEXT_BEFORE_PREAMBLE / 10).getBytes(StandardCharsets.US_ASCII);
    List<String> lines = new ArrayList<>();
    IOException error = assertThrows(IOException.class, () -> PipeFrames.readPreamble(bytes(text), "worker N", lines::add));
    assertTrue(error.getMessage().contains("more than " + PipeFrames.MAX_TEXT_BEFORE_PREAMBLE), error.getMessage());
    assertTrue(lines.size() < text.length / 14 && lines.size() > 1000, "stopped reading at the limit: " + lines.size());
  }
}
