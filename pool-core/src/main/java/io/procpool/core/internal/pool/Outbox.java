package io.procpool.core.internal.pool;

import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayDeque;

/**
 * Messages waiting to go to one worker, cut into frames. Many small tasks share a frame (one
 * write for many); a frame is closed once it holds about {@link #FRAME_TARGET} bytes, so a burst
 * of big tasks never makes one frame larger than a transport accepts. A single message larger
 * than that still travels alone. Not thread-safe: its worker handle locks it.
 */
public final class Outbox {
  static final int FRAME_TARGET = 4 * 1024 * 1024;

  private final ArrayDeque<byte[]> sealed = new ArrayDeque<>();
  private Output current = new Output(1024, -1);

  /** Where to write the next message, which will take about {@code size} bytes. */
  Output forMessageOf(int size) {
    if (current.position() > 0 && current.position() + size > FRAME_TARGET) {
      seal();
    }
    return current;
  }

  /** The next frame to send, or null if nothing waits. */
  byte[] takeFrame() {
    if (sealed.isEmpty() && current.position() > 0) {
      seal();
    }
    return sealed.poll();
  }

  private void seal() {
    sealed.add(current.toBytes());
    if (current.position() > 1 << 20) {
      current = new Output(1024, -1); // don't keep a huge buffer alive per worker
    } else {
      current.reset();
    }
  }
}
