package io.procpool.core.internal.pool;

import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayDeque;

/**
 * Messages waiting to go to one worker, cut into frames. Many small tasks share a frame (one
 * write for many); a frame is closed once it holds about {@link #FRAME_TARGET} bytes, or the
 * connection's frame limit if that is less, so a burst of tasks never makes one frame larger than
 * the worker accepts. A single message larger than that travels alone (the scheduler sends none
 * over the limit). Not thread-safe: its worker handle locks it.
 *
 * <p>A message of {@link #ALONE_BYTES} or more (a map's chunk of items) is a frame of its own,
 * written into an array of the size it asked for, which is then the frame itself: appended to the
 * shared buffer it cost that buffer's growth and a copy to seal it, 3 of the 28 MB a map of 1M
 * numbers allocated in the pool (JFR's allocation samples); its writer gives its exact size.
 */
public final class Outbox {
  static final int FRAME_TARGET = 4 * 1024 * 1024;
  static final int ALONE_BYTES = 64 * 1024;

  private final ArrayDeque<byte[]> sealed = new ArrayDeque<>();
  /** Where small messages gather; kept between frames. */
  private Output shared = new Output(1024, -1);
  /** Where the next message goes: {@link #shared}, or one large message's own array. */
  private Output current = shared;
  private int frameTarget = FRAME_TARGET;

  /** Frames must hold at most {@code maxFrameBytes}, the connection's limit. */
  void limitFramesTo(int maxFrameBytes) {
    frameTarget = Math.min(FRAME_TARGET, maxFrameBytes);
  }

  /** Where to write the next message, which will take at most {@code size} bytes. */
  Output forMessageOf(int size) {
    boolean alone = size >= ALONE_BYTES;
    if (current.position() > 0 && (alone || current != shared || (long) current.position() + size > frameTarget)) {
      seal();
    }
    if (alone) {
      current = new Output(size, -1);
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
    if (current != shared) {
      byte[] own = current.getBuffer();
      sealed.add(current.position() == own.length ? own : current.toBytes()); // exactly filled: no copy
      current = shared;
      return;
    }
    sealed.add(shared.toBytes());
    if (shared.position() > 1 << 20) {
      shared = new Output(1024, -1); // don't keep a huge buffer alive per worker
      current = shared;
    } else {
      shared.reset();
    }
  }
}
