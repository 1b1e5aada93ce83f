package io.procpool.core.internal.pool;

import com.esotericsoftware.kryo.io.Input;
import io.procpool.core.internal.wire.Wire;
import io.procpool.core.internal.wire.SharedKey;
import io.procpool.spi.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** The pool's side of a connection that keeps what is sent, decoded into one line per message. */
final class FakeConnection implements Connection {
  private final List<String> messages = new ArrayList<>();
  private final int maxFrameBytes;
  private int frames;
  private int largestFrame;
  private boolean closed;
  private RuntimeException sendFailure;
  private Runnable afterSend = () -> { };
  private LongConsumer onCancel = id -> { };
  private final List<Long> cancelsToAnswer = new ArrayList<>();

  /** A connection without a frame limit. */
  FakeConnection() {
    this(Integer.MAX_VALUE);
  }

  /** A connection whose peer takes frames of at most {@code maxFrameBytes}; it only counts larger ones. */
  FakeConnection(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** From now on {@code send} throws this, as a broken transport might (the SPI says it must not). */
  synchronized void failSendsWith(RuntimeException failure) {
    sendFailure = failure;
  }

  /** Runs after each frame is taken, on the sending thread: where a test makes a worker die mid-send. */
  synchronized void afterSend(Runnable action) {
    afterSend = action;
  }

  /** Runs for each CANCEL sent, after the frame's {@link #afterSend}: where the fake worker answers it. */
  synchronized void onCancel(LongConsumer answer) {
    onCancel = answer;
  }

  @Override
  public void send(byte[] frame) {
    Runnable after;
    LongConsumer answer;
    List<Long> cancels;
    synchronized (this) {
      if (sendFailure != null) {
        throw sendFailure;
      }
      record(frame);
      after = afterSend;
      answer = onCancel;
      cancels = List.copyOf(cancelsToAnswer);
      cancelsToAnswer.clear();
    }
    after.run();
    cancels.forEach(answer::accept);
  }

  private void record(byte[] frame) {
    frames++;
    largestFrame = Math.max(largestFrame, frame.length);
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
        cancelsToAnswer.add(id);
      }

      @Override
      public void share(SharedKey key, byte[] value) {
        messages.add("SHARE " + key + " " + value.length);
      }

      @Override
      public void unshare(SharedKey key) {
        messages.add("UNSHARE " + key);
      }
    });
  }

  @Override
  public synchronized void close() {
    closed = true;
    closes++;
  }

  /** How often the pool closed it: once, by the SPI's rule. */
  synchronized int closes() {
    return closes;
  }

  /** Every message sent so far, such as "TASK 3", "TASK_HERE 1", "CANCEL 2", "INIT". */
  synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  synchronized int largestFrame() {
    return largestFrame;
  }

  synchronized int frames() {
    return frames;
  }

  private int closes;

  synchronized boolean closed() {
    return closed;
  }
}
