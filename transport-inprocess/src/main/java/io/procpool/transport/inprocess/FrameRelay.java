package io.procpool.transport.inprocess;

import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerThreads;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One direction of an in-process connection: frames queue in memory and a thread of the relay's
 * own hands them to the receiving side's listener, in order, then its close, once. A thread of
 * its own, and not the sender's, because a listener may send in turn (a pool answering an answer
 * with the next task) or run a task for as long as it takes.
 */
final class FrameRelay {
  /** The end of the queue; whatever is queued after it is never delivered. */
  private record End(Throwable reason) {}

  private final String threadName;
  private final String boundWorker;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Thread thread;

  /**
   * @param boundWorker the worker whose tasks may run on the delivering thread (frames to a
   *     worker), so that thread is bound to its name; {@code null} for frames to the pool
   */
  FrameRelay(String threadName, String boundWorker) {
    this.threadName = threadName;
    this.boundWorker = boundWorker;
  }

  /** Queues a frame, unless the relay has ended: frames sent after the end are dropped. */
  void send(byte[] frame) {
    if (!ended.get()) {
      queue.add(frame);
    }
  }

  /**
   * Ends the relay after the frames already queued; the listener then hears {@code onClosed}
   * with this reason. Later calls change nothing.
   */
  void end(Throwable reason) {
    if (ended.compareAndSet(false, true)) {
      queue.add(new End(reason));
    }
  }

  /** Starts delivering to the listener; what was queued before waits for this. */
  void start(ConnectionListener listener) {
    Thread delivery = new Thread(() -> deliver(listener), threadName);
    delivery.setDaemon(true); // a pool never closed must not keep the JVM alive through it
    thread = delivery;
    delivery.start();
  }

  /** Interrupts the delivering thread, which may be running a task. */
  void interrupt() {
    Thread delivery = thread;
    if (delivery != null) {
      delivery.interrupt();
    }
  }

  private void deliver(ConnectionListener listener) {
    if (boundWorker != null) {
      WorkerThreads.bind(boundWorker);
    }
    Throwable reason;
    try {
      reason = deliverUntilEnd(listener);
    } catch (InterruptedException e) {
      reason = null; // the worker was killed: its side ends as a killed process's pipe would
    } catch (RuntimeException | Error e) {
      reason = e; // a listener that throws breaks the connection, as a bad frame would
    }
    ended.set(true);
    queue.clear();
    listener.onClosed(reason);
  }

  private Throwable deliverUntilEnd(ConnectionListener listener) throws InterruptedException {
    while (true) {
      Object item = queue.take();
      if (item instanceof End end) {
        return end.reason();
      }
      listener.onFrame((byte[]) item);
    }
  }
}
