package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.spi.ConnectionListener;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what a transport tells the core, in order, and lets a test wait for it. */
final class RecordingListener implements ConnectionListener {
  private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<Throwable> closeReasons = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  @Override
  public void onFrame(byte[] frame) {
    events.add("frame");
    frames.add(frame);
  }

  @Override
  public void onClosed(Throwable reason) {
    events.add("closed");
    closeReasons.add(reason == null ? new NullReason() : reason);
    closed.countDown();
  }

  byte[] nextFrame() throws InterruptedException {
    byte[] frame = frames.poll(10, TimeUnit.SECONDS);
    assertTrue(frame != null, "no frame arrived within 10 s; events so far: " + events);
    return frame;
  }

  /** Waits for the close and returns its reason, null for an orderly close. */
  Throwable awaitClosed() throws InterruptedException {
    assertTrue(closed.await(10, TimeUnit.SECONDS), "onClosed was not called within 10 s; events: " + events);
    Throwable reason = closeReasons.get(0);
    return reason instanceof NullReason ? null : reason;
  }

  /**
   * Fails unless onClosed came exactly once, after every frame. The connection queues onClosed on
   * one executor: once a task queued there now has run, a second onClosed queued before it would
   * have shown.
   */
  void assertClosedOnceAndLast(NettyConnection connection) throws InterruptedException {
    awaitClosed();
    CompletableFuture.runAsync(() -> { }, connection.closeReports()).join();
    assertEquals(1, closeReasons.size(), "onClosed calls: " + events);
    assertEquals("closed", events.get(events.size() - 1), "events: " + events);
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  List<String> events() {
    return List.copyOf(events);
  }

  /** Stands for a null reason in the list. */
  private static final class NullReason extends Throwable {}
}
