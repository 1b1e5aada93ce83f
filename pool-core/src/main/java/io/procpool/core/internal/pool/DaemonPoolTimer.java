package io.procpool.core.internal.pool;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The pool's own timer thread: one daemon thread, started on demand and gone when nothing is
 * scheduled for a while, so neither an open pool nor a forgotten one keeps this JVM alive or
 * holds a thread for nothing. Cancelled actions leave its queue at once, so the timeouts of
 * tasks that finished in time do not pile up.
 */
final class DaemonPoolTimer implements PoolTimer {
  private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread thread = new Thread(runnable, "procpool-timer");
    thread.setDaemon(true);
    return thread;
  });

  DaemonPoolTimer() {
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setKeepAliveTime(2, TimeUnit.SECONDS);
    executor.allowCoreThreadTimeOut(true);
  }

  @Override
  public Scheduled schedule(Runnable action, Duration delay) {
    ScheduledFuture<?> future;
    try {
      future = executor.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      return () -> { }; // the workers are gone: nothing is left to time
    }
    return () -> future.cancel(false);
  }

  /** How many actions its queue holds, cancelled ones included if they were kept: for tests. */
  int queued() {
    return executor.getQueue().size();
  }

  @Override
  public void shutdown() {
    executor.shutdown();
  }
}
