package io.procpool.transport.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerThreads;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FrameRelayTest {

  /** Records what a listener hears, in order, with the worker its thread was bound to. */
  private static final class Recorder implements ConnectionListener {
    final List<String> heard = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile Throwable reason;
    volatile String boundTo;

    @Override
    public void onFrame(byte[] frame) {
      boundTo = WorkerThreads.current();
      if (frame.length == 0) {
        throw new IllegalStateException("an empty frame");
      }
      heard.add(new String(frame));
    }

    @Override
    public void onClosed(Throwable why) {
      heard.add("closed");
      reason = why;
      closed.countDown();
    }
  }

  @Test
  void framesQueuedBeforeTheListenerArriveInOrderThenOneCloseAndNothingAfter() throws Exception {
    FrameRelay relay = new FrameRelay("procpool-inprocess-test-out", null);
    relay.send("a".getBytes());
    relay.send("b".getBytes());
    Recorder recorder = new Recorder();
    relay.start(recorder);
    relay.send("c".getBytes());
    relay.end(null);
    relay.send("after the end".getBytes());
    relay.end(new IllegalStateException("a second end"));
    recorder.closed.await();
    Thread.sleep(100); // a stray delivery, if any, would come now
    assertEquals(List.of("a", "b", "c", "closed"), recorder.heard);
    assertEquals(null, recorder.reason);
    assertEquals(null, recorder.boundTo);
  }

  @Test
  void aListenerThatThrowsClosesTheRelayWithThatReason() throws Exception {
    FrameRelay relay = new FrameRelay("procpool-inprocess-test-in", "PoolWorker-7");
    Recorder recorder = new Recorder();
    relay.start(recorder);
    relay.send("a".getBytes());
    relay.send(new byte[0]);
    relay.send("never".getBytes());
    recorder.closed.await();
    assertEquals(List.of("a", "closed"), recorder.heard);
    assertEquals("an empty frame", recorder.reason.getMessage());
    assertEquals("PoolWorker-7", recorder.boundTo, "frames to a worker arrive on a thread bound to it");
  }

  @Test
  void anInterruptEndsTheRelayAsAKilledProcessEndsItsPipe() throws Exception {
    FrameRelay relay = new FrameRelay("procpool-inprocess-test-in", "PoolWorker-8");
    Recorder recorder = new Recorder();
    relay.start(recorder);
    relay.interrupt();
    recorder.closed.await();
    assertSame(null, recorder.reason);
    assertEquals(List.of("closed"), recorder.heard);
  }
}
