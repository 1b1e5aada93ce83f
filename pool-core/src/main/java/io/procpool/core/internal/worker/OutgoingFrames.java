package io.procpool.core.internal.worker;

import com.esotericsoftware.kryo.io.Output;
import io.procpool.core.internal.wire.FrameLimit;
import io.procpool.core.internal.wire.Wire;
import io.procpool.spi.Connection;

/**
 * A worker's messages on their way to the pool, cut into frames its connection accepts. Messages
 * share a frame while they fit; one that would not fit beside those held sends them first, so a
 * task's output and its answer go out in one write when they can, and in order when they cannot.
 * Output that does not fit the frame it would join starts a frame of its own, and output longer
 * than a frame goes as several OUTPUT messages, one a frame, so that what a task prints arrives
 * whole whatever its size. Not thread-safe: the runner's send lock guards it.
 */
final class OutgoingFrames {
  /** The largest buffer kept between frames: a larger one, grown by one large answer, is let go. */
  static final int KEPT_BUFFER_BYTES = 1 << 20;
  private final Output out = new Output(4096, -1);
  private Connection connection;
  /** Set once, before any task runs; read by the threads that run them. */
  private volatile FrameLimit limit = FrameLimit.NONE;

  /** From now on frames go to {@code connection}, and fit its limit. */
  void connect(Connection connection) {
    this.limit = FrameLimit.of(connection.maxFrameBytes());
    this.connection = connection;
  }

  FrameLimit limit() {
    return limit;
  }

  /**
   * Where to write the next message, of at most {@code bytes}: the frame being filled, after
   * sending what it holds if the message would not fit beside it. A message over the limit by
   * itself is the caller's to prevent; it would go alone.
   */
  Output room(long bytes) {
    if (out.position() > 0 && !limit.admits(out.position() + bytes)) {
      send();
    }
    return out;
  }

  /** Adds {@code length} bytes of {@code text} as output, in as many OUTPUT messages as frames need. */
  void output(byte stream, byte[] text, int length) {
    if (!limit.admits(out.position() + Wire.OUTPUT_HEADER_BYTES + (long) length)) {
      send(); // what does not fit beside the frame held starts a frame of its own
    }
    int piece = Math.max(1, limit.bytes() - Wire.OUTPUT_HEADER_BYTES);
    for (int at = 0; at < length; at += piece) {
      if (at > 0) {
        send();
      }
      Wire.writeOutput(out, stream, text, at, Math.min(piece, length - at));
    }
  }

  /** The size of the buffer frames are filled in, kept between them. */
  int bufferBytes() {
    return out.getBuffer().length;
  }

  /** Sends what is held, as one frame, if anything is. */
  void send() {
    if (out.position() > 0) {
      byte[] frame = out.toBytes();
      out.reset();
      if (out.getBuffer().length > KEPT_BUFFER_BYTES) {
        out.setBuffer(new byte[4096], -1); // else a worker holds its largest answer's size for life
      }
      connection.send(frame);
    }
  }
}
