package io.procpool.transport.netty;

import io.netty.channel.Channel;
import java.util.function.BooleanSupplier;

/**
 * Makes a sender wait while its channel holds more unsent bytes than the channel's high-water
 * mark, so that a fast producer cannot pile up frames in memory faster than the peer reads them.
 * Never on an I/O thread, which is what drains the channels.
 */
final class BackPressure {
  private final Object lock = new Object();
  private final BooleanSupplier onIoThread;

  /**
   * @param onIoThread whether the caller is one of the transport's I/O threads: a listener called
   *     there may send to a worker whose channel another I/O thread drains, and two of them
   *     waiting for each other would never wake
   */
  BackPressure(BooleanSupplier onIoThread) {
    this.onIoThread = onIoThread;
  }

  void await(Channel target) {
    if (target.isWritable() || target.eventLoop().inEventLoop() || onIoThread.getAsBoolean()) {
      return;
    }
    synchronized (lock) {
      while (target.isActive() && !target.isWritable()) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // the frame is queued; stop waiting, keep the flag
          return;
        }
      }
    }
  }

  /** The channel became writable, or unwritable, or closed; called on the I/O thread. */
  void changed() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }
}
