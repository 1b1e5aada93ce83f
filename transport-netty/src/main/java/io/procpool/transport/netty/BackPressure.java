package io.procpool.transport.netty;

import io.netty.channel.Channel;

/**
 * Makes a sender wait while its channel holds more unsent bytes than the channel's high-water
 * mark, so that a fast producer cannot pile up frames in memory faster than the peer reads them.
 * Never on an I/O thread, which is what drains the channel.
 */
final class BackPressure {
  private final Object lock = new Object();

  void await(Channel target) {
    if (target.eventLoop().inEventLoop()) {
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
