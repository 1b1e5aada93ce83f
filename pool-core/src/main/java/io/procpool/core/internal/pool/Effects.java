package io.procpool.core.internal.pool;

import io.procpool.core.internal.events.Loggers;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the scheduler decides under its lock and does after releasing it: writing frames, closing
 * connections, starting replacement workers and completing futures all call out to code that may
 * block or call back, so none of it runs while the lock is held. One is made per submit and per
 * answer, and most hold a single flush, so the collections are made only when needed.
 *
 * <p>Each effect is done on its own: one that throws is logged, and the rest still run, so a
 * broken connection cannot leave other workers unsent, futures uncompleted or replacements
 * unstarted. A worker whose flush or close throws (which the SPI forbids) is killed, so that its
 * transport reports it closed and its tasks are answered for. An {@link Error} is rethrown, but
 * only once every effect has run.
 */
public final class Effects {
  private static final System.Logger LOG = System.getLogger(Loggers.POOL);

  private WorkerHandle firstFlush;
  private Set<WorkerHandle> moreFlushes = Set.of();
  private List<WorkerHandle> toClose = List.of();
  private List<Runnable> actions = List.of();
  /** The workers a replacement is started for, one entry per replacement. */
  private List<String> replacements = List.of();

  void flush(WorkerHandle worker) {
    if (firstFlush == null || firstFlush == worker) {
      firstFlush = worker;
    } else {
      if (moreFlushes.isEmpty()) {
        moreFlushes = new LinkedHashSet<>();
      }
      moreFlushes.add(worker);
    }
  }

  void close(WorkerHandle worker) {
    if (toClose.isEmpty()) {
      toClose = new ArrayList<>();
    }
    toClose.add(worker);
  }

  /** Starts a worker in place of {@code predecessor} (a worker that left, or could not be launched). */
  void startReplacement(String predecessor) {
    if (replacements.isEmpty()) {
      replacements = new ArrayList<>(1);
    }
    replacements.add(predecessor);
  }

  /** Fails the task once the lock is released; called under it, so the task is not sent meanwhile. */
  void fail(PendingTask task, Throwable error) {
    task.giveUp();
    later(() -> task.result.completeExceptionally(error));
  }

  void later(Runnable action) {
    if (actions.isEmpty()) {
      actions = new ArrayList<>();
    }
    actions.add(action);
  }

  void run(Scheduler.WorkerStarter starter) {
    Error error = null;
    if (firstFlush != null) {
      error = flushIsolated(firstFlush, null);
    }
    for (WorkerHandle worker : moreFlushes) {
      error = flushIsolated(worker, error);
    }
    for (WorkerHandle worker : toClose) {
      error = isolated(worker::close, "closing " + worker, worker, error);
    }
    for (Runnable action : actions) {
      error = isolated(action, "completing a task", null, error);
    }
    for (String predecessor : replacements) {
      error = isolated(() -> starter.startWorker(predecessor), "starting a replacement worker", null, error);
    }
    if (error != null) {
      throw error;
    }
  }

  private static Error flushIsolated(WorkerHandle worker, Error earlier) {
    return isolated(worker::flush, "sending to " + worker, worker, earlier);
  }

  /**
   * Runs one effect; what it throws is logged, and the worker it concerns, if any, is killed.
   * Returns the first Error seen, to be rethrown when all effects have run.
   */
  private static Error isolated(Runnable effect, String what, WorkerHandle broken, Error earlier) {
    try {
      effect.run();
      return earlier;
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "procpool: " + what + " failed; the pool's other work goes on"
          + (broken == null ? "" : ", and the worker is stopped"), e);
      if (broken != null) {
        killQuietly(broken);
      }
      return earlier != null ? earlier : e instanceof Error error ? error : null;
    }
  }

  private static void killQuietly(WorkerHandle worker) {
    try {
      worker.process.kill();
      worker.close();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "procpool: stopping " + worker + " failed as well", e);
    }
  }
}
