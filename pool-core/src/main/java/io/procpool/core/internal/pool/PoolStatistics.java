package io.procpool.core.internal.pool;

import io.procpool.LatencyStats;
import io.procpool.PoolStats;
import io.procpool.WorkerStats;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link io.procpool.Pool#stats()} is made of. A snapshot is taken in two steps: the
 * scheduler counts its queue and workers under its lock ({@link #count}), then, with the lock
 * released, the workers' standard error tails are read ({@link #snapshot}).
 */
final class PoolStatistics {

  /** One live worker as the scheduler saw it under its lock. */
  private record WorkerRow(WorkerHandle worker, int tasksInFlight, long done, long failed) {}

  /** The part of a snapshot taken under the scheduler's lock. */
  static final class Counted {
    private final int queueDepth;
    private final List<WorkerRow> workers;
    private int tasksInFlight;

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
    return counted;
  }

  /** The snapshot, from what was counted; reads the workers' stderr tails, so not under the lock. */
  PoolStats snapshot(Counted counted) {
    List<WorkerStats> workers = new ArrayList<>(counted.workers.size());
    for (WorkerRow row : counted.workers) {
      WorkerHandle worker = row.worker();
      workers.add(new WorkerStats(worker.name, worker.process.pid(), row.tasksInFlight(), row.done(), row.failed(),
          worker.stderrTail()));
    }
    return new PoolStats(workers.size(), 0, 0, 0, counted.queueDepth, counted.tasksInFlight, 0, 0, workers,
        LatencyStats.NONE, LatencyStats.NONE);
  }
}
