package io.procpool.core.internal.pool;

import io.procpool.PoolListener;
import io.procpool.TaskEvent;
import io.procpool.core.internal.events.Loggers;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where user code called back by the pool runs: result callbacks and the {@link PoolListener}.
 * One daemon thread per pool, started on demand and gone when idle, so callbacks keep their order
 * and a slow one never holds up result delivery, which happens on the transport's threads.
 *
 * <p>Its queue is unbounded, on purpose: callbacks are queued by transport threads and under the
 * scheduler's lock, where waiting for room would hold up every result or deadlock with a callback
 * that submits, and dropping one would break its promise. A slow listener costs memory instead;
 * {@link io.procpool.PoolListener} and {@link io.procpool.AsyncResult#onSuccess} say so.
 */
public final class Callbacks {
  private static final System.Logger LOG = System.getLogger(Loggers.POOL);

  private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 2, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), CallbackThread::new);
  private final PoolListener listener;

  Callbacks(PoolListener listener) {
    this.listener = listener;
    thread.allowCoreThreadTimeOut(true);
  }

  /** The thread callbacks run on; its own class, so that code can tell it is on one. */
  private static final class CallbackThread extends Thread {
    CallbackThread(Runnable runnable) {
      super(runnable, "procpool-callbacks");
      setDaemon(true);
    }
  }

  /** Whether the calling thread is a pool's callback thread, where waiting for a callback would deadlock. */
  static boolean onCallbackThread() {
    return Thread.currentThread() instanceof CallbackThread;
  }

  Executor executor() {
    return this::run;
  }

  /**
   * Runs user code on the callback thread. An exception it throws is logged, not propagated; an
   * Error ends the thread through its uncaught-exception handler, and the next callback gets a new one.
   */
  void run(Runnable userCode) {
    thread.execute(() -> {
      try {
        userCode.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "procpool: a callback threw; other callbacks go on", e);
      }
    });
  }

  void submitted(PendingTask task) {
    if (listener != null) {
      TaskEvent event = new TaskEvent(task.id, null, task.items);
      run(() -> listener.taskSubmitted(event));
    }
  }

  void started(PendingTask task, String workerName) {
    if (listener != null) {
      TaskEvent event = new TaskEvent(task.id, workerName, task.items);
      run(() -> listener.taskStarted(event));
    }
  }

  /** Tells the listener how the task ended, once its result is complete. */
  void watch(PendingTask task) {
    if (listener != null) {
      task.result.whenComplete((value, error) -> {
        TaskEvent event = new TaskEvent(task.id, task.workerName, task.items);
        run(() -> {
          if (error == null) {
            listener.taskFinished(event);
          } else {
            listener.taskFailed(event, error);
          }
        });
      });
    }
  }
}
