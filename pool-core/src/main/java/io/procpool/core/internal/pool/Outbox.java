package io.procpool.core.internal.pool;

import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayDeque;

/**
 * Messages waiting to go to one worker, cut into frames. Many small tasks share a frame (one
 * write for many); a frame is closed once it holds about {@link #FRAME_TARGET} bytes, or the
 * connection's frame limit if that is less, so a burst of tasks never makes one frame larger than
 * the worker accepts. A single message larger than that travels alone (the scheduler sends none
 * over the limit). Not thread-safe: its worker handle locks it.
 */
public final class Outbox {
  static final int FRAME_TARGET = 4 * 1024 * 1024;

  private final ArrayDeque<byte[]> sealed = new ArrayDeque<>();
  private Output current = new Output(1024, -1);
  private int frameTarget = FRAME_TARGET;

  /** Frames must hold at most {@code maxFrameBytes}, the connection's limit. */
  void limitFramesTo(int maxFrameBytes) {
    frameTarget = Math.min(FRAME_TARGET, maxFrameBytes);
  }

  /** Where to write the next message, which will take at most {@code size} bytes. */
  Output forMessageOf(int size) {
    if (current.position() > 0 && (long) current.position() + size > frameTarget) {
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
