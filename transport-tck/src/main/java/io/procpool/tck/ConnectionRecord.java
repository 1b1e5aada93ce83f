package io.procpool.tck;

import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands between a transport and the listener of one connection and writes down what the SPI
 * promises about it: {@code onClosed} exactly once, no frame after it, one call at a time. It
 * keeps a copy of each frame of up to {@value #KEPT_FRAME_BYTES} bytes, for the tests that look
 * for a stranger's bytes where they must not be.
 */
final class ConnectionRecord implements ConnectionListener {
  private static final ConnectionListener NOBODY = new ConnectionListener() {
    @Override
    public void onFrame(byte[] frame) {}

    @Override
    public void onClosed(Throwable reason) {}
  };

  static final int KEPT_FRAME_BYTES = 64 * 1024;

  private final WorkerProcess worker;
  private final List<byte[]> kept = new ArrayList<>();
  private final ConnectionListener listener;
  private final AtomicInteger inCall = new AtomicInteger();
  private final List<String> problems = new ArrayList<>();
  private int frames;
  private int closes;

  ConnectionRecord(WorkerProcess worker, ConnectionListener listener) {
    this.worker = worker;
    this.listener = listener;
  }

  /** A record that passes nothing on, for connections the kit makes itself. */
  static ConnectionRecord alone(WorkerProcess worker) {
    return new ConnectionRecord(worker, NOBODY);
  }

  WorkerProcess worker() {
    return worker;
  }

  @Override
  public void onFrame(byte[] frame) {
    enter("onFrame");
    try {
      synchronized (this) {
        frames++;
        if (frame.length <= KEPT_FRAME_BYTES) {
          kept.add(frame.clone());
        }
        if (closes > 0) {
          problems.add("onFrame after onClosed");
        }
      }
      listener.onFrame(frame);
    } finally {
      inCall.decrementAndGet();
    }
  }

  @Override
  public void onClosed(Throwable reason) {
    enter("onClosed");
    try {
      synchronized (this) {
        closes++;
        if (closes == 2) {
          problems.add("onClosed twice (second reason: " + reason + ")");
        }
        notifyAll();
      }
      listener.onClosed(reason);
    } finally {
      inCall.decrementAndGet();
    }
  }

  private void enter(String call) {
    if (inCall.incrementAndGet() > 1) {
      synchronized (this) {
        problems.add(call + " while another listener call of this connection ran");
      }
    }
  }

  synchronized int frames() {
    return frames;
  }

  /** Copies of the frames of up to {@value #KEPT_FRAME_BYTES} bytes, in order. */
  synchronized List<byte[]> keptFrames() {
    return List.copyOf(kept);
  }

  synchronized int closes() {
    return closes;
  }

  /** Waits until {@code onClosed} came, or the deadline passed; true if it came. */
  synchronized boolean awaitClosed(long deadlineNanos) throws InterruptedException {
    while (closes == 0 && System.nanoTime() < deadlineNanos) {
      wait(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
    }
    return closes > 0;
  }

  /** What went against the promises, and whether {@code onClosed} is missing; empty if nothing. */
  synchronized List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    if (closes == 0) {
      all.add("no onClosed");
    }
    return all;
  }

  @Override
  public String toString() {
    return "connection of " + worker.name() + " (pid " + worker.pid() + ")";
  }
}
