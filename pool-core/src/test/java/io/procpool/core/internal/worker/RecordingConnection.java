package io.procpool.core.internal.worker;

import com.esotericsoftware.kryo.io.Input;
import io.procpool.core.internal.wire.Wire;
import io.procpool.spi.Connection;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's side of a connection that keeps each frame it is sent, and fails the test's checks
 * (not the send) for one over its limit, as the pool's reader would close the connection over it.
 */
final class RecordingConnection implements Connection {
  /** One message of a frame, as the pool read it. */
  record Message(byte kind, long id, byte[] payload) {}

  private final int maxFrameBytes;
  private final List<byte[]> frames = new ArrayList<>();
  private boolean closed;

  RecordingConnection(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public synchronized void send(byte[] frame) {
    frames.add(frame);
    notifyAll();
  }

  @Override
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  synchronized List<byte[]> frames() {
    return List.copyOf(frames);
  }

  /** Wire's RETIRING kind, which the wire room keeps to itself. */
  static final byte RETIRING = 17;
  /** Wire's CANCELLED kind. */
  static final byte CANCELLED = 18;

  /** The largest frame sent so far. */
  synchronized int largestFrame() {
    return frames.stream().mapToInt(frame -> frame.length).max().orElse(0);
  }

  /** Every message sent so far, in order, as the pool reads them; outputs are joined, stdout's and stderr's apart. */
  synchronized List<Message> messages() {
    List<Message> messages = new ArrayList<>();
    for (byte[] frame : frames) {
      Wire.readFromWorker(frame, new Input(), "PoolWorker-1", new Wire.FromWorker() {
        @Override
        public void hello(long pid, String name, boolean runsTasksHere) {
          messages.add(new Message((byte) 16, pid, new byte[0]));
        }

        @Override
        public void outcome(byte kind, long id, long nanos, byte[] payload) {
          messages.add(new Message(kind, id, payload));
        }

        @Override
        public void output(byte stream, byte[] text) {
          messages.add(new Message((byte) (-stream), 0, text));
        }

        @Override
        public void initializerFailed(byte[] exception) {
          messages.add(new Message(Wire.INIT_FAILED, 0, exception));
        }

        @Override
        public void retiring() {
          messages.add(new Message(RETIRING, 0, new byte[0]));
        }

        @Override
        public void cancelled(long id, boolean skipped) {
          messages.add(new Message(CANCELLED, id, new byte[] {(byte) (skipped ? 1 : 0)}));
        }
      });
    }
    return messages;
  }

  /** All output to {@code stream} so far, joined. */
  synchronized byte[] output(byte stream) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    messages().stream().filter(message -> message.kind() == -stream).forEach(message -> joined.writeBytes(message.payload()));
    return joined.toByteArray();
  }

  /** Waits until the task with this id has been answered, and returns that answer. */
  synchronized Message awaitAnswer(long id) throws InterruptedException {
    while (true) {
      for (Message message : messages()) {
        if (message.id() == id && (message.kind() == Wire.RESULT || message.kind() == Wire.FAILURE)) {
          return message;
        }
      }
      wait();
    }
  }
}
