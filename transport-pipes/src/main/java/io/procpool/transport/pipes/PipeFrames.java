package io.procpool.transport.pipes;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes on a pipe: an 8-byte preamble (magic and protocol version) from each side, then
 * frames of a 4-byte big-endian length and that many bytes. A length is checked against the
 * limit before anything is allocated, and memory grows only as bytes actually arrive, so a
 * stray write or a lying header costs an error, never an OutOfMemoryError.
 */
final class PipeFrames {
  static final byte[] PREAMBLE = {'P', 'R', 'O', 'C', 'P', 'O', 'O', 1};
  private static final int FIRST_CHUNK = 64 * 1024;

  private PipeFrames() {}

  static void writeFrame(OutputStream out, byte[] frame) throws IOException {
    int length = frame.length;
    out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
    out.write(frame);
    out.flush();
  }

  /** Reads the peer's preamble; {@code peer} names it in errors. */
  static void readPreamble(InputStream in, String peer) throws IOException {
    byte[] got = new byte[PREAMBLE.length];
    int filled = readFully(in, got, 0, got.length);
    if (filled == 0) {
      throw new EOFException(peer + " closed the pipe before the protocol started"
          + " (it exited during start-up, or closed its standard output)");
    }
    if (filled < got.length || !Arrays.equals(got, PREAMBLE)) {
      throw new IOException(peer + " sent " + describe(Arrays.copyOf(got, filled))
          + " where the procpool preamble was expected: something else writes to that pipe,"
          + " or the peer speaks another protocol version");
    }
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
