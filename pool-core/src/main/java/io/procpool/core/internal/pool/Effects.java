package io.procpool.core.internal.pool;

import io.procpool.core.internal.events.Loggers;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

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

  // Null until needed, walked by index, and a failure's message made only on failure: run() is on
  // every submit and answer, where iterators of empty collections and a "sending to <worker>"
  // string per flush were an eighth of what the parent allocated per task (bench/LOG.md, "A warm
  // pool's parent still compiling").
  private WorkerHandle firstFlush;
  private List<WorkerHandle> moreFlushes;
  private List<WorkerHandle> toClose;
  private List<Runnable> actions;
  /** The workers a replacement is started for, one entry per replacement. */
  private List<String> replacements;

  void flush(WorkerHandle worker) {
    if (firstFlush == null || firstFlush == worker) {
      firstFlush = worker;
    } else if (moreFlushes == null) {
      moreFlushes = new ArrayList<>(2);
      moreFlushes.add(worker);
    } else if (!moreFlushes.contains(worker)) { // one flush a worker: as many as there are workers at most
      moreFlushes.add(worker);
    }
  }

  void close(WorkerHandle worker) {
    if (toClose == null) {
      toClose = new ArrayList<>(1);
    }
    toClose.add(worker);
  }

  /** Starts a worker in place of {@code predecessor} (a worker that left, or could not be launched). */
  void startReplacement(String predecessor) {
    if (replacements == null) {
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
    if (actions == null) {
      actions = new ArrayList<>();
    }
    actions.add(action);
  }

  void run(Scheduler.WorkerStarter starter) {
    Error error = null;
    if (firstFlush != null) {
      error = flushIsolated(firstFlush, null);
    }
    if (moreFlushes != null) {
      for (int i = 0; i < moreFlushes.size(); i++) {
        error = flushIsolated(moreFlushes.get(i), error);
      }
    }
    if (toClose != null) {
      for (int i = 0; i < toClose.size(); i++) {
        WorkerHandle worker = toClose.get(i);
        error = isolated(worker::close, "closing", worker, error);
      }
    }
    if (actions != null) {
      for (int i = 0; i < actions.size(); i++) {
        error = isolated(actions.get(i), "completing a task", null, error);
      }
    }
    if (replacements != null) {
      for (int i = 0; i < replacements.size(); i++) {
        String predecessor = replacements.get(i);
        error = isolated(() -> starter.startWorker(predecessor), "starting a replacement worker", null, error);
      }
    }
    if (error != null) {
      throw error;
    }
  }

  /** As {@link #isolated}, called directly: a flush per submit and answer, so no method reference is made for it. */
  private static Error flushIsolated(WorkerHandle worker, Error earlier) {
    try {
      worker.flush();
      return earlier;
    } catch (RuntimeException | Error e) {
      return failed("sending to", worker, e, earlier);
    }
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
      return failed(what, broken, e, earlier);
    }
  }

  /** Logs an effect that threw, naming {@code broken} (the worker it concerns, if any), and stops that worker. */
  private static Error failed(String what, WorkerHandle broken, Throwable e, Error earlier) {
    LOG.log(Level.ERROR, "procpool: " + what + (broken == null ? "" : " " + broken)
        + " failed; the pool's other work goes on" + (broken == null ? "" : ", and the worker is stopped"), e);
    if (broken != null) {
      killQuietly(broken);
    }
    return earlier != null ? earlier : e instanceof Error error ? error : null;
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
