package io.procpool.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the scheduler decides under its lock and does after releasing it: writing frames, closing
 * connections, starting replacement workers and completing futures all call out to code that may
 * block or call back, so none of it runs while the lock is held.
 */
final class Effects {
  private final Set<WorkerHandle> toFlush = new LinkedHashSet<>();
  private final List<WorkerHandle> toClose = new ArrayList<>();
  private final List<Runnable> actions = new ArrayList<>();
  private int replacements;

  void flush(WorkerHandle worker) {
    toFlush.add(worker);
  }

  void close(WorkerHandle worker) {
    toClose.add(worker);
  }

  void startReplacement() {
    replacements++;
  }

  void fail(PendingTask task, Throwable error) {
    actions.add(() -> task.result.completeExceptionally(error));
  }

  void later(Runnable action) {
    actions.add(action);
  }

  void run(Scheduler.WorkerStarter starter) {
    toFlush.forEach(WorkerHandle::flush);
    toClose.forEach(WorkerHandle::close);
    actions.forEach(Runnable::run);
    for (int i = 0; i < replacements; i++) {
      starter.startWorker();
    }
  }
}
