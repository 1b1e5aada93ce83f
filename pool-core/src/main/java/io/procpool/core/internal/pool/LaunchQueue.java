package io.procpool.core.internal.pool;

import io.procpool.core.internal.events.Loggers;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;

/**
 * Where a pool's replacement workers are launched: on a thread of its own, one launch after the
 * other, never on the thread that reported the departure. That one is usually a transport's
 * reader, which a launch (a process to start, its stderr's thread, the transport's connect: 40 to
 * 60 ms cold) would stall, with every frame of its other workers behind it. The thread exists
 * only while launches are queued; {@link #awaitIdle} lets the pool wait for them before it
 * counts its processes, so that none is started after the pool believes itself empty.
 */
final class LaunchQueue {
  private static final System.Logger LOG = System.getLogger(Loggers.LAUNCH);

  private final String threadName;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>(); // guarded by this
  private Thread thread; // guarded by this: the one draining the queue, or null

  LaunchQueue(String threadName) {
    this.threadName = threadName;
  }

  /** Runs {@code launch} on the queue's thread, after those submitted before it. */
  synchronized void submit(Runnable launch) {
    queue.addLast(launch);
    if (thread == null) {
      thread = new Thread(this::drain, threadName);
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void drain() {
    while (true) {
      Runnable launch;
      synchronized (this) {
        launch = queue.pollFirst();
        if (launch == null) {
          thread = null;
          notifyAll();
          return;
        }
      }
      try {
        launch.run();
      } catch (RuntimeException | Error e) { // a launch reports its own failures; this is a bug
        LOG.log(Level.ERROR, "procpool: launching a worker failed unexpectedly", e);
      }
    }
  }

  /** Waits until every launch submitted so far has run and the queue's thread has ended. */
  void awaitIdle() throws InterruptedException {
    Thread draining;
    synchronized (this) {
      while (thread != null && thread != Thread.currentThread()) {
        draining = thread;
        wait();
        if (thread == null) {
          draining.join(); // it returns right after notifying: no thread of ours outlives the pool
        }
      }
    }
  }
}
