package io.procpool.core.internal.pool;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps this JVM alive while the pool has accepted work it has not finished, as the non-daemon
 * threads of a {@code ThreadPoolExecutor} do: a program whose {@code main} returns without closing
 * its pool still gets its results and their callbacks, and exits after them. One non-daemon
 * thread does it, and exists only while there is such work (and {@link #LINGER} after, so that a
 * loop of blocking calls does not start a thread per call). It also holds the pool, so that a pool
 * is never collected, and terminated as unclosed, under its own tasks.
 */
final class AcceptedWork {
  /** How long the thread waits for more work before it lets the JVM exit. */
  static final Duration LINGER = Duration.ofMillis(100);

  private final Callbacks callbacks;
  private final AtomicInteger unfinished = new AtomicInteger();
  private final Object lock = new Object();
  private long accepted;
  private boolean released;
  private Thread keeper;

  AcceptedWork(Callbacks callbacks) {
    this.callbacks = callbacks;
  }

  /**
   * Counts the tasks until their results complete. Call before the scheduler sees them: their
   * callbacks, chained later, then run before the count drops (a future runs the stages chained
   * last first). Once per batch, not per task: a map hands over thousands at a time.
   */
  void accept(List<PendingTask> batch, Object pool) {
    unfinished.addAndGet(batch.size());
    synchronized (lock) {
      accepted += batch.size();
      if (keeper == null && !released) {
        keeper = new Thread(() -> keepAlive(pool), "procpool-accepted-work");
        keeper.setDaemon(false);
        keeper.start();
      }
    }
    for (PendingTask task : batch) {
      task.result.whenComplete((value, error) -> {
        task.tellSettled(); // counted in its call's progress before the work counts as finished
        unfinished.decrementAndGet();
      });
    }
  }

  /** Whether every task accepted so far has completed. */
  boolean allFinished() {
    return unfinished.get() == 0;
  }

  /** The pool was closed or terminated: nothing is left to wait for. */
  void release() {
    synchronized (lock) {
      released = true;
      lock.notifyAll();
    }
  }

  /** The keeper's loop; {@code pool} is held only to stay reachable while it runs. */
  private void keepAlive(Object pool) {
    long seen = -1;
    while (true) {
      long now;
      synchronized (lock) {
        waitUninterruptibly(LINGER);
        now = accepted;
      }
      if (unfinished.get() == 0 && (now == seen || released())) {
        drainCallbacks();
        synchronized (lock) {
          if (unfinished.get() == 0 && accepted == now) {
            keeper = null;
            Reference.reachabilityFence(pool);
            return;
          }
        }
      }
      seen = now;
    }
  }

  private boolean released() {
    synchronized (lock) {
      return released;
    }
  }

  private void waitUninterruptibly(Duration timeout) {
    if (released) {
      return;
    }
    try {
      lock.wait(timeout.toMillis());
    } catch (InterruptedException e) {
      // nobody but this class knows the thread; go on counting
    }
  }

  /** Waits until the callbacks queued so far have run: they are accepted work too. */
  private void drainCallbacks() {
    CountDownLatch ran = new CountDownLatch(1);
    try {
      callbacks.run(ran::countDown);
      ran.await();
    } catch (RuntimeException | InterruptedException e) {
      // the callback thread is gone: nothing more will run there
    }
  }
}
