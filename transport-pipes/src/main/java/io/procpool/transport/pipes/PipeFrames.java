package io.procpool.transport.pipes;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The bytes on a pipe: an 8-byte preamble (magic and protocol version) from each side, then
 * frames of a 4-byte big-endian length and that many bytes. A length is checked against the
 * limit before anything is allocated, and past {@link #FIRST_CHUNK} memory grows only as bytes
 * actually arrive, so a stray write or a lying header costs an error, never an OutOfMemoryError.
 */
final class PipeFrames {
  static final byte[] PREAMBLE = {'P', 'R', 'O', 'C', 'P', 'O', 'O', 1};
  /**
   * A frame up to this size is read into one array of its size: a map's chunk (about 500 KB for
   * 1M numbers on 2 workers) grew from 64 KiB by doubling, 2 of the 28 MB a map allocated in the
   * pool (JFR's allocation samples). Larger frames grow from here as their bytes arrive.
   */
  private static final int FIRST_CHUNK = 1024 * 1024;

  private PipeFrames() {}

  static void writeFrame(OutputStream out, byte[] frame) throws IOException {
    int length = frame.length;
    out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    out.write(frame);
    out.flush();
  }

  /**
   * At most this much text may come before a worker's preamble: lines its JVM printed to stdout
   * before the worker's main ran ({@code -Xlog:gc}, JFR's start-up message on Java 17), which no
   * descriptor redirection can catch.
   */
  static final int MAX_TEXT_BEFORE_PREAMBLE = 64 * 1024;

  /**
   * Reads the peer's preamble; {@code peer} names it in errors. Whole lines before it go to
   * {@code textBefore}, one call per line without its line break, up to
   * {@link #MAX_TEXT_BEFORE_PREAMBLE} bytes; anything else is an error that shows the bytes. Never
   * reads past the preamble: after a first read of its length, bytes are read one at a time.
   */
  static void readPreamble(InputStream in, String peer, Consumer<String> textBefore) throws IOException {
    byte[] first = new byte[PREAMBLE.length];
    int filled = readFully(in, first, 0, first.length);
    if (filled == first.length && Arrays.equals(first, PREAMBLE)) {
      return; // the common case: nothing before it
    }
    if (filled == 0) {
      throw closedEarly(peer, "");
    }
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int i = 0; i < filled; i++) {
      take(first[i], line, textBefore);
    }
    int total = filled;
    while (!startsWithPreamble(line, peer)) {
      if (total > MAX_TEXT_BEFORE_PREAMBLE) {
        throw notThePreamble(peer, line, "more than " + MAX_TEXT_BEFORE_PREAMBLE
            + " bytes of text came first; something else writes to that pipe, or the peer speaks another protocol");
      }
      int b = in.read();
      if (b < 0) {
        throw line.size() == 0 ? closedEarly(peer, " (after the lines logged before)")
            : notThePreamble(peer, line,
            "something else writes to that pipe, or the peer speaks another protocol; then the stream ended");
      }
      total++;
      take((byte) b, line, textBefore);
    }
  }

  /** Adds a byte to the line being read; at a line break hands the line on and starts the next. */
  private static void take(byte b, ByteArrayOutputStream line, Consumer<String> textBefore) {
    if (b == '\n') {
      textBefore.accept(line.toString(StandardCharsets.UTF_8).stripTrailing());
      line.reset();
    } else {
      line.write(b);
    }
  }

  /** Whether the line read so far is the preamble; throws if it is another version's. */
  private static boolean startsWithPreamble(ByteArrayOutputStream line, String peer) throws IOException {
    if (line.size() != PREAMBLE.length) {
      return false;
    }
    byte[] bytes = line.toByteArray();
    if (Arrays.equals(bytes, 0, PREAMBLE.length - 1, PREAMBLE, 0, PREAMBLE.length - 1)) {
      if (bytes[PREAMBLE.length - 1] == PREAMBLE[PREAMBLE.length - 1]) {
        return true;
      }
      throw notThePreamble(peer, line, "it speaks protocol version " + (bytes[PREAMBLE.length - 1] & 0xff)
          + ", this side " + PREAMBLE[PREAMBLE.length - 1] + " (run the same procpool version on both sides)");
    }
    return false;
  }

  private static EOFException closedEarly(String peer, String after) {
    return new EOFException(peer + " closed the pipe before the protocol started" + after
        + " (it exited during start-up, or closed its standard output)");
  }

  private static IOException notThePreamble(String peer, ByteArrayOutputStream line, String why) {
    byte[] bytes = line.toByteArray();
    return new IOException(peer + " sent " + describe(Arrays.copyOf(bytes, Math.min(bytes.length, 16)))
        + " where the procpool preamble was expected: " + why);
  }

  /** The next frame, or null if the stream ended cleanly between frames. */
  static byte[] readFrame(InputStream in, int maxFrameBytes, String peer) throws IOException {
    byte[] header = new byte[4];
    int got = readFully(in, header, 0, 4);
    if (got == 0) {
      return null;
    }
    if (got < 4) {
      throw new EOFException("truncated frame header from " + peer + ": the stream ended after " + got + " bytes");
    }
    int length = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff);
    if (length < 0 || length > maxFrameBytes) {
      throw new IOException("bad frame header from " + peer + ": " + describe(header) + " announces "
          + Integer.toUnsignedString(length) + " bytes, over the limit of " + maxFrameBytes
          + " (a stray write to the pipe, or a frame too large)");
    }
    byte[] frame = new byte[Math.min(length, FIRST_CHUNK)];
    int filled = 0;
    while (filled < length) {
      if (filled == frame.length) {
        frame = Arrays.copyOf(frame, (int) Math.min(length, frame.length * 2L));
      }
      int n = in.read(frame, filled, frame.length - filled);
      if (n < 0) {
        throw new EOFException("truncated frame from " + peer + ": " + filled + " of " + length
            + " bytes arrived before the stream ended");
      }
      filled += n;
    }
    return frame;
  }

  private static int readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
    int filled = 0;
    while (filled < length) {
      int n = in.read(buffer, offset + filled, length - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled;
  }

  /** Bytes as hex and, where printable, as text: a stray write is often readable. */
  static String describe(byte[] bytes) {
    StringBuilder hex = new StringBuilder("0x");
    StringBuilder text = new StringBuilder();
    for (byte b : bytes) {
      hex.append(String.format("%02x", b));
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return hex + " ('" + new String(text.toString().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII) + "')";
  }
}
