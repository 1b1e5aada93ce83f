package io.procpool;

import java.util.List;
import java.util.Objects;

/**
 * A snapshot of a pool, from {@link Pool#stats()}: its workers, its queue, and what its tasks
 * cost. Taking one is cheap enough to do every second. Counts are since the pool was built; a map
 * chunk counts as one task (its items are not counted here).
 *
 * <p>Every task the pool accepted is counted once, as done or failed, just before its result
 * completes: a snapshot taken after a result completed has its task. Once the pool is closed,
 * {@code tasksDone + tasksFailed} is the number of tasks it accepted. Failed are tasks that threw,
 * could not be serialized, were cancelled, stopped by a timeout, lost with their worker, or
 * dropped by {@code terminate()}.
 *
 * <p>Every worker started leaves in one of three ways: it <em>died</em> if it ended without the
 * pool letting it go (it crashed or exited, was killed from outside, was stopped by the pool for
 * a task that overran its timeout or was cancelled with {@code cancel(true)}, or retired itself
 * after a {@code VirtualMachineError}); it <em>retired</em> if the pool let it go after
 * {@code maxTasksPerChild} tasks; and it counts as neither if it was let go by
 * {@code shutdown()}/{@code close()} or killed by {@code terminate()}.
 *
 * @param workersAlive worker processes connected now (launched and said hello)
 * @param workersStarted worker processes launched so far, the first ones and every replacement
 * @param workersDied workers that ended without being asked to: crashed, killed, or stopped for a
 *     task's timeout or {@code cancel(true)}; not those {@code terminate()} killed
 * @param workersRetired workers that left because they had run {@code maxTasksPerChild} tasks
 * @param queueDepth tasks accepted that no worker holds yet
 * @param tasksInFlight tasks sent to a worker and not yet answered
 * @param tasksDone tasks that completed with a value
 * @param tasksFailed tasks that completed with an exception, or were cancelled or dropped
 * @param workers one entry per live worker, in the order they were started
 * @param queueWait time from submission to the moment the worker that ran the task was handed it
 *     (0 for a task a worker took as it was submitted)
 * @param runTime time a worker spent running a task, as the worker measured it
 */
public record PoolStats(
    int workersAlive,
    long workersStarted,
    long workersDied,
    long workersRetired,
    int queueDepth,
    int tasksInFlight,
    long tasksDone,
    long tasksFailed,
    List<WorkerStats> workers,
    LatencyStats queueWait,
    LatencyStats runTime) {

  /**
   * A snapshot; {@code workers} is copied, so that it stays as it was taken.
   *
   * @param workersAlive worker processes connected now
   * @param workersStarted worker processes launched so far
   * @param workersDied workers that ended without being asked to
   * @param workersRetired workers that left after {@code maxTasksPerChild} tasks
   * @param queueDepth tasks accepted that no worker holds yet
   * @param tasksInFlight tasks sent to a worker and not yet answered
   * @param tasksDone tasks that completed with a value
   * @param tasksFailed tasks that completed with an exception, or were cancelled
   * @param workers one entry per live worker
   * @param queueWait time from submission to a worker
   * @param runTime time a worker spent running a task
   */
  public PoolStats {
    workers = List.copyOf(workers);
    Objects.requireNonNull(queueWait, "queueWait");
    Objects.requireNonNull(runTime, "runTime");
  }
}
