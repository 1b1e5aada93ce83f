package io.procpool.junit.internal;

import io.procpool.Pool;
import io.procpool.PoolStats;
import io.procpool.WorkerDiedException;
import io.procpool.WorkerStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a failing test's report shows of its pools' workers: each live worker's last lines of
 * standard error, how many died, and the workers whose death the failure itself reports.
 */
public final class WorkerReport {
  private WorkerReport() {}

  /** Added to a failure as a suppressed exception, so that the report shows it under the failure. */
  public static final class WorkersAtFailure extends RuntimeException {
    /** Carries {@code report} as its message, with no stack trace of its own. */
    public WorkersAtFailure(String report) {
      super(report, null, false, false);
    }
  }

  /** The report for a failure of a test that used {@code pools}, or null if there is nothing to say. */
  public static String describe(List<Pool> pools, Throwable failure) {
    StringBuilder report = new StringBuilder();
    int number = 0;
    for (Pool pool : pools) {
      number++;
      String label = pools.size() == 1 ? "the test's pool" : "pool " + number + " of the test";
      try {
        PoolStats stats = pool.stats();
        report.append(label).append(": ").append(stats.workersAlive()).append(" workers alive, ")
            .append(stats.workersDied()).append(" died so far\n");
        for (WorkerStats worker : stats.workers()) {
          report.append("  ").append(worker.name()).append(" (pid ").append(worker.pid()).append("), ")
              .append(worker.tasksDone()).append(" tasks done, ").append(worker.tasksFailed()).append(" failed, ")
              .append(worker.tasksInFlight()).append(" in flight");
          if (worker.stderrTail().isEmpty()) {
            report.append("; nothing on its standard error\n");
          } else {
            report.append("; the end of its standard error:\n");
            worker.stderrTail().forEach(line -> report.append("    | ").append(line).append('\n'));
          }
        }
      } catch (RuntimeException e) {
        report.append(label).append(": its workers cannot be described (").append(e).append(")\n");
      }
    }
    List<WorkerDiedException> deaths = deathsIn(failure);
    if (!deaths.isEmpty()) {
      report.append("workers that died under the failing test's tasks (each message ends with their standard error):\n");
      deaths.forEach(death -> report.append("  ").append(death.workerName()).append(": ").append(death.getMessage()).append('\n'));
    }
    return report.length() == 0 ? null : "procpool workers at the failure of the test:\n" + report.toString().stripTrailing();
  }

  /** The {@link WorkerDiedException}s among the failure's causes and suppressed exceptions. */
  private static List<WorkerDiedException> deathsIn(Throwable failure) {
    List<WorkerDiedException> deaths = new ArrayList<>();
    collect(failure, deaths, Collections.newSetFromMap(new IdentityHashMap<>()));
    return deaths;
  }

  private static void collect(Throwable at, List<WorkerDiedException> deaths, Set<Throwable> seen) {
    if (at == null || !seen.add(at)) {
      return;
    }
    if (at instanceof WorkerDiedException) {
      deaths.add((WorkerDiedException) at);
    }
    collect(at.getCause(), deaths, seen);
    for (Throwable suppressed : at.getSuppressed()) {
      collect(suppressed, deaths, seen);
    }
  }
}
