package io.procpool.core.internal.pool;

import com.esotericsoftware.kryo.io.Input;
import io.procpool.core.internal.wire.Wire;
import io.procpool.spi.Connection;
import java.util.ArrayList;
import java.util.List;

/** The pool's side of a connection that keeps what is sent, decoded into one line per message. */
final class FakeConnection implements Connection {
  private final List<String> messages = new ArrayList<>();
  private int frames;
  private boolean closed;

  @Override
  public synchronized void send(byte[] frame) {
    frames++;
    Wire.readFromPool(frame, new Input(), new Wire.FromPool() {
      @Override
      public void task(long id, byte[] invocation, boolean here, boolean lastInFrame) {
        messages.add((here ? "TASK_HERE " : "TASK ") + id);
      }

      @Override
      public void initializer(byte[] initializer) {
        messages.add("INIT");
      }

      @Override
      public void cancel(long id) {
        messages.add("CANCEL " + id);
      }
    });
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** Every message sent so far, such as "TASK 3", "TASK_HERE 1", "CANCEL 2", "INIT". */
  synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  synchronized int frames() {
    return frames;
  }

  synchronized boolean closed() {
    return closed;
  }
}
