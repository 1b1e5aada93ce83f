package io.procpool;

import java.util.List;

/**
 * One live worker in a {@link PoolStats} snapshot.
 *
 * @param name the worker's name, as {@link CurrentProcess#name()} gives it in the worker
 * @param pid the worker's process id, or -1 for a worker that is not a process of its own
 * @param tasksInFlight tasks sent to it and not yet answered
 * @param tasksDone tasks it completed with a value
 * @param tasksFailed tasks it completed with an exception
 * @param stderrTail the last lines it wrote to standard error, oldest first (its JVM's own and
 *     what its tasks printed), for diagnosing a test or a failure
 */
public record WorkerStats(
    String name, long pid, int tasksInFlight, long tasksDone, long tasksFailed, List<String> stderrTail) {

  /**
   * One worker's entry; {@code stderrTail} is copied, so that it stays as it was taken.
   *
   * @param name the worker's name
   * @param pid its process id, or -1
   * @param tasksInFlight tasks sent to it and not yet answered
   * @param tasksDone tasks it completed with a value
   * @param tasksFailed tasks it completed with an exception
   * @param stderrTail the last lines it wrote to standard error
   */
  public WorkerStats {
    stderrTail = List.copyOf(stderrTail);
  }
}
