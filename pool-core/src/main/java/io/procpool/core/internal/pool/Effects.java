package io.procpool.core.internal.pool;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the scheduler decides under its lock and does after releasing it: writing frames, closing
 * connections, starting replacement workers and completing futures all call out to code that may
 * block or call back, so none of it runs while the lock is held. One is made per submit and per
 * answer, and most hold a single flush, so the collections are made only when needed.
 */
public final class Effects {
  private WorkerHandle firstFlush;
  private Set<WorkerHandle> moreFlushes = Set.of();
  private List<WorkerHandle> toClose = List.of();
  private List<Runnable> actions = List.of();
  private int replacements;

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

  void startReplacement() {
    replacements++;
  }

  void fail(PendingTask task, Throwable error) {
    later(() -> task.result.completeExceptionally(error));
  }

  void later(Runnable action) {
    if (actions.isEmpty()) {
      actions = new ArrayList<>();
    }
    actions.add(action);
  }

  void run(Scheduler.WorkerStarter starter) {
    if (firstFlush != null) {
      firstFlush.flush();
    }
    moreFlushes.forEach(WorkerHandle::flush);
    toClose.forEach(WorkerHandle::close);
    actions.forEach(Runnable::run);
    for (int i = 0; i < replacements; i++) {
      starter.startWorker();
    }
  }
}
