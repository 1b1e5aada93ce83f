package io.procpool.core.internal.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Hands queued tasks to workers. Part of the {@link Scheduler}, and guarded by its lock: it reads
 * and changes the scheduler's queue and workers.
 */
public final class Dispatcher {
  private final ArrayDeque<PendingTask> queue;
  private final List<WorkerHandle> workers;
  private final int maxTasksPerChild;
  private final BiConsumer<WorkerHandle, Effects> didItsShare;
  private final Consumer<WorkerHandle> headChanged;
  private final InFlightPolicy inFlightPolicy = new InFlightPolicy();
  /** Whether tasks may run on a worker's reader thread: not when an initializer ran on its main thread. */
  private final boolean tasksMayRunHere;

  /**
   * @param didItsShare told when a worker was given its last task (maxTasksPerChild), so that
   *     its replacement may start now
   * @param headChanged told when a worker's first task changes, as that is when it starts
   */
  Dispatcher(ArrayDeque<PendingTask> queue, List<WorkerHandle> workers, int maxTasksPerChild,
             boolean tasksMayRunHere, BiConsumer<WorkerHandle, Effects> didItsShare,
             Consumer<WorkerHandle> headChanged) {
    this.tasksMayRunHere = tasksMayRunHere;
    this.queue = queue;
    this.workers = workers;
    this.maxTasksPerChild = maxTasksPerChild;
    this.didItsShare = didItsShare;
    this.headChanged = headChanged;
  }

  /** A worker took this long over a task; the in-flight limit follows. */
  void observe(long nanos) {
    inFlightPolicy.observe(nanos);
  }

  /** Whether the worker has been given all the tasks maxTasksPerChild allows it. */
  boolean exhausted(WorkerHandle worker) {
    return maxTasksPerChild > 0 && worker.assigned >= maxTasksPerChild;
  }

  /**
   * Hands queued tasks to workers, one at a time to the least loaded. An idle worker always takes
   * one; a busy one takes more (up to the policy's limit) only while the queue is longer than the
   * number of workers still starting, so a burst of a few long tasks waits for every worker
   * instead of piling onto the first one up; and only once it is down to the policy's refill
   * mark, then up to the limit, so that short tasks go in batches, one write for many.
   *
   * <p>A lone task, one that finds the queue otherwise empty and no task in flight anywhere (a
   * program calling {@code apply} in turn), goes as TASK_HERE to a worker that can take it so: the
   * worker runs it on the thread that read it, one thread wake-up fewer (~5 us of a blocking
   * apply's 25), and in exchange gets nothing else until it answers, as it reads nothing
   * meanwhile. With work in flight elsewhere that hold would cost more than it saves.
   *
   * <p>A task over its worker's frame limit fails instead of going out: sent, it would end the
   * worker. (Usually the scheduler refused it already at submit; this is each connection's own
   * limit, for a task that came before any connection was attached, or connections that differ.)
   */
  void dispatch(Effects fx) {
    dispatch(fx, 0);
  }

  /**
   * As {@link #dispatch(Effects)}, with the tasks handed over counted as handed at {@code now}
   * ({@code System.nanoTime}; 0: read the clock once, when the first is handed): a submit passes
   * its own time, so that a task a worker takes at once costs no second clock read, and shows no
   * queue wait.
   */
  void dispatch(Effects fx, long now) {
    int limit = inFlightPolicy.limit();
    int refillAt = inFlightPolicy.refillAt(limit);
    List<WorkerHandle> toppingUp = new ArrayList<>(2);
    int starting = 0;
    for (WorkerHandle worker : workers) {
      if (worker.state() == WorkerHandle.State.STARTING) {
        starting++;
      }
    }
    while (!queue.isEmpty()) {
      WorkerHandle target = leastLoaded(toppingUp, refillAt);
      if (target == null || target.inFlight.size() >= limit
          || (!target.inFlight.isEmpty() && queue.size() <= starting)) {
        return;
      }
      PendingTask task = queue.pollFirst();
      if (task.settled()) {
        continue; // cancelled or failed while it waited: a task whose end is decided is never sent
      }
      if (!target.frameLimit().admits(task.messageBytes())) {
        fx.fail(task, task.overLimit(target.frameLimit())); // never sent: the worker would be ended for it
        continue;
      }
      boolean here = tasksMayRunHere && target.runsTasksHere && queue.isEmpty() && nothingInFlight();
      task.handedAt = now != 0 ? now : (now = System.nanoTime()); // once: a batch goes at once
      assign(target, task, here, fx);
      if (!toppingUp.contains(target)) {
        toppingUp.add(target);
      }
    }
  }

  private boolean nothingInFlight() {
    for (WorkerHandle worker : workers) {
      if (!worker.inFlight.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** The least loaded worker that is down to the refill mark, or already being topped up. */
  private WorkerHandle leastLoaded(List<WorkerHandle> toppingUp, int refillAt) {
    WorkerHandle best = null;
    for (WorkerHandle worker : workers) {
      if (worker.state() == WorkerHandle.State.READY && !exhausted(worker) && !worker.holdsLoneTask()
          && (worker.inFlight.size() <= refillAt || toppingUp.contains(worker))
          && (best == null || worker.inFlight.size() < best.inFlight.size())) {
        best = worker;
      }
    }
    return best;
  }

  private void assign(WorkerHandle worker, PendingTask task, boolean here, Effects fx) {
    if (worker.inFlight.isEmpty()) {
      worker.headSentHere = here;
    }
    worker.inFlight.addLast(task);
    worker.assigned++;
    task.workerName = worker.name;
    worker.enqueue(task, here);
    fx.flush(worker);
    if (worker.inFlight.size() == 1) {
      headChanged.accept(worker);
    }
    if (exhausted(worker)) {
      didItsShare.accept(worker, fx);
    }
  }
}
