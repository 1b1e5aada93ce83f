package io.procpool.core.internal.pool;

import io.procpool.PoolStats;
import io.procpool.WorkerStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link io.procpool.Pool#stats()} is made of: the pool's counts and latencies, and its
 * snapshots. The scheduler tells it of each step under its lock, where the counts of workers are
 * kept; tasks are counted as their futures complete ({@link TaskResult}), whoever completes them,
 * so that every task accepted is counted exactly once, done or failed; times are recorded on the thread that read
 * the worker's answer, outside the lock. A snapshot is taken in two steps: the scheduler counts
 * its queue and workers under its lock ({@link #count}), then, with the lock released, the
 * latencies and the workers' standard error tails are read ({@link #snapshot}).
 *
 * <p>Of workers that leave, one that ended or was killed without the pool letting it go counts as
 * died: it crashed, exited, was killed from outside, misbehaved on the wire, was stopped by the
 * pool for a task that overran its timeout or was cancelled with {@code cancel(true)}, or said it
 * was unfit to go on (a {@code VirtualMachineError}). One let go because it ran
 * {@code maxTasksPerChild} tasks counts as retired. One let go at shutdown or
 * {@code terminate()} counts as neither.
 */
final class PoolStatistics {
  private final LongAdder tasksDone = new LongAdder();
  private final LongAdder tasksFailed = new LongAdder();
  private final LatencyRecorder queueWait = new LatencyRecorder();
  private final LatencyRecorder runTime = new LatencyRecorder();
  /** Scheduler's lock. */
  private long workersStarted;
  private long workersDied;
  private long workersRetired;

  /** A task was accepted: it counts as done or failed as its future completes. Scheduler's lock. */
  void accepted(PendingTask task) {
    task.countIn(this);
  }

  /** A task completes ({@code by} 1), or its completion lost a race and is taken back (-1). Any thread. */
  void count(boolean done, int by) {
    (done ? tasksDone : tasksFailed).add(by);
  }

  /** A worker answered {@code task}, having run it for {@code nanos}. Any thread, best outside the lock. */
  void answered(PendingTask task, long nanos) {
    queueWait.record(task.handedAt - task.submittedAt);
    runTime.record(nanos);
  }

  /** A worker was launched and registered. Scheduler's lock. */
  void workerStarted() {
    workersStarted++;
  }

  /** A worker's connection closed, in state {@code was}: see the class comment. Scheduler's lock. */
  void workerLeft(WorkerHandle worker, WorkerHandle.State was) {
    if (was != WorkerHandle.State.RETIRING || worker.tally.unfit) {
      workersDied++;
    } else if (worker.tally.didItsShare) {
      workersRetired++;
    }
  }

  /** One live worker as the scheduler saw it under its lock. */
  private record WorkerRow(WorkerHandle worker, int tasksInFlight, long done, long failed) {}

  /** The part of a snapshot taken under the scheduler's lock. */
  static final class Counted {
    private final int queueDepth;
    private final List<WorkerRow> workers;
    private int tasksInFlight;
    private long workersStarted;
    private long workersDied;
    private long workersRetired;

    private Counted(int queueDepth, int workers) {
      this.queueDepth = queueDepth;
      this.workers = new ArrayList<>(workers);
    }
  }

  /** Counts the queue and the workers. Scheduler's lock. */
  Counted count(int queueDepth, List<WorkerHandle> workers) {
    Counted counted = new Counted(queueDepth, workers.size());
    for (WorkerHandle worker : workers) {
      int inFlight = worker.inFlight.size();
      counted.tasksInFlight += inFlight;
      if (worker.tally.connected) {
        counted.workers.add(new WorkerRow(worker, inFlight, worker.tally.done, worker.tally.failed));
      }
    }
    counted.workersStarted = workersStarted;
    counted.workersDied = workersDied;
    counted.workersRetired = workersRetired;
    return counted;
  }

  /** The snapshot, from what was counted; reads the latencies and the workers' stderr tails, so not under the lock. */
  PoolStats snapshot(Counted counted) {
    List<WorkerStats> workers = new ArrayList<>(counted.workers.size());
    for (WorkerRow row : counted.workers) {
      WorkerHandle worker = row.worker();
      workers.add(new WorkerStats(worker.name, worker.process.pid(), row.tasksInFlight(), row.done(), row.failed(),
          worker.stderrTail()));
    }
    return new PoolStats(workers.size(), counted.workersStarted, counted.workersDied, counted.workersRetired,
        counted.queueDepth, counted.tasksInFlight, tasksDone.sum(), tasksFailed.sum(), workers,
        queueWait.snapshot(), runTime.snapshot());
  }
}
