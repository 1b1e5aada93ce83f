package io.procpool.core.internal.pool;

import io.procpool.WorkerStartException;
import java.util.List;

/**
 * Whether the pool starts a worker in another's place, or gives up and breaks. The one place
 * that decides it, for a worker that left, one that could not be launched, and one that did its
 * share (maxTasksPerChild) and is replaced early. Workers that fail to start
 * {@link #MAX_START_FAILURES_IN_A_ROW} times in a row stop the restarts: they would only fail
 * again (bad JVM options, say); once the last worker is gone too, the pool breaks with the last
 * failure. Guarded by the scheduler's lock.
 */
final class ReplacementPolicy {
  static final int MAX_START_FAILURES_IN_A_ROW = 3;

  enum Verdict { START, NONE, BREAK }

  /** What to do, and why; {@code failure} is what the pool breaks with (BREAK only). */
  record Decision(Verdict verdict, String reason, WorkerStartException failure) {
    static Decision none(String reason) {
      return new Decision(Verdict.NONE, reason, null);
    }
  }

  /** Whether the pool still needs workers, and if not, why. */
  enum Demand {
    WORKERS_WANTED(null),
    TERMINATED("the pool was terminated"),
    BROKEN("the pool is broken"),
    DRAINED("the pool was shut down and nothing is queued");

    final String noNeed;

    Demand(String noNeed) {
      this.noNeed = noNeed;
    }
  }

  private int startFailuresInARow;
  private WorkerStartException lastStartFailure;

  /** A worker said hello: workers can start after all. */
  void workerStarted() {
    startFailuresInARow = 0;
    lastStartFailure = null;
  }

  /** A worker could not be launched. */
  void launchFailed(String workerName, Exception failure) {
    countStartFailure(new WorkerStartException("Cannot start worker " + workerName + ": "
        + failure.getMessage(), failure));
  }

  /**
   * A worker exited (or its connection closed) before it said hello.
   *
   * @param stderr the last lines of its standard error, quoted in the error (the JVM's own
   *     complaint about an option, say); empty if its launcher keeps none
   */
  void exitedBeforeReady(String workerName, Throwable reason, List<String> stderr) {
    int nth = startFailuresInARow + 1;
    countStartFailure(new WorkerStartException(workerName + " exited before it was ready, the "
        + ordinal(nth) + " worker in a row: workers exit before they are ready, so the"
        + " pool runs no tasks; "
        + (stderr.isEmpty() ? "check the worker JVM options and the worker's standard error"
            : "its standard error said: " + String.join(" / ", stderr))
        + (reason == null ? "" : "; last reason: " + reason.getMessage()), reason));
  }

  private void countStartFailure(WorkerStartException failure) {
    startFailuresInARow++;
    lastStartFailure = failure;
  }

  /**
   * Asked whenever a worker leaves or cannot be launched, and when one did its share. The give-up
   * rule comes before {@code owed}: a pool left with no worker, that still has work and cannot
   * start workers, breaks, even if the last one to leave was retired.
   *
   * @param owed whether the worker in question is owed a successor: false for one the pool
   *     retired, or whose successor was started already
   * @param demand whether the pool still needs workers
   * @param othersRemain whether the pool has other workers (then it does not break yet)
   */
  Decision decide(boolean owed, Demand demand, boolean othersRemain) {
    if (demand != Demand.WORKERS_WANTED) {
      return Decision.none(demand.noNeed);
    }
    if (startFailuresInARow >= MAX_START_FAILURES_IN_A_ROW) {
      return othersRemain
          ? Decision.none(startFailuresInARow + " workers in a row failed to start; the others go on")
          : new Decision(Verdict.BREAK, startFailuresInARow + " workers in a row failed to start and none is left",
              lastStartFailure);
    }
    return owed ? new Decision(Verdict.START, "the pool needs a worker in its place", null)
        : Decision.none("it was retired or already replaced");
  }

  /** 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, … 21st. */
  static String ordinal(int n) {
    int lastTwo = n % 100;
    if (lastTwo >= 11 && lastTwo <= 13) {
      return n + "th";
    }
    return switch (n % 10) {
      case 1 -> n + "st";
      case 2 -> n + "nd";
      case 3 -> n + "rd";
      default -> n + "th";
    };
  }
}
