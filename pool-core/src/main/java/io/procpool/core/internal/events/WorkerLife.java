package io.procpool.core.internal.events;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One worker's life as the logs ({@link Loggers#WORKER}) and JFR show it: launched, started,
 * ready, retiring, and how it left. A healthy life is logged at DEBUG only; a worker that died or
 * never became ready is a WARNING. Each step costs a level check, and a JFR event only while a
 * recording wants it.
 */
public final class WorkerLife {
  private static final System.Logger LOG = System.getLogger(Loggers.WORKER);

  /** How a worker left, as the pool saw it. */
  public enum Exit {
    /** The pool let it go: it did its share, was idle at shutdown, or the pool was terminated. */
    LET_GO(Level.DEBUG, false),
    /** The pool killed it because of its running task (a timeout, {@code cancel(true)}). */
    STOPPED(Level.DEBUG, true),
    /** It exited before it was ready (a bad JVM option, a crash at start). */
    NEVER_READY(Level.WARNING, true),
    /** It died while the pool relied on it. */
    DIED(Level.WARNING, true);

    final Level level;
    final boolean death;

    Exit(Level level, boolean death) {
      this.level = level;
      this.death = death;
    }

    /** Whether its standard error's last lines are worth the wait for them (they explain a death). */
    public boolean quotesStderr() {
      return this == NEVER_READY || this == DIED;
    }
  }

  private final String name;
  private final String predecessor;
  private final long launchedAt = System.nanoTime();
  /** Begun at launch if a recording wants it; null otherwise. */
  private final Object startEvent;
  private final Object readyEvent;
  private volatile long pid = -1;

  private WorkerLife(String name, String predecessor) {
    this.name = name;
    this.predecessor = predecessor;
    this.startEvent = Jfr.started() ? Recorded.beginStart() : null;
    this.readyEvent = Jfr.started() ? Recorded.beginReady() : null;
  }

  /** A worker about to be launched, in place of {@code predecessor} (null for one of the first). */
  public static WorkerLife launching(String name, String predecessor) {
    return new WorkerLife(name, predecessor);
  }

  /** Its launcher started it. */
  public void launched(long pid) {
    this.pid = pid;
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "{0} started{1}{2}", name, pid < 0 ? "" : ", pid " + pid,
          predecessor == null ? "" : ", in place of " + predecessor);
    }
    if (startEvent != null) {
      Recorded.started(startEvent, name, pid, predecessor);
    }
  }

  /**
   * Its launcher could not start it. Said for a replacement only: one of the first workers failing
   * fails the pool's build, with this as the exception.
   */
  public void launchFailed(Exception why) {
    if (predecessor != null) {
      LOG.log(Level.WARNING, "Cannot start " + name + " in place of " + predecessor + ": " + why.getMessage());
    }
  }

  /** It said hello and its connection is attached: it may be given tasks. */
  public void ready() {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "{0} is ready, {1} ms after its launch", this,
          Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - launchedAt)));
    }
    if (readyEvent != null) {
      Recorded.ready(readyEvent, name, pid);
    }
  }

  /** The pool lets it go once its tasks are done, because {@code why}. */
  public void retiring(String why) {
    LOG.log(Level.DEBUG, "{0} retires: {1}", this, why);
  }

  /** Whether {@link #exited} would log or record anything: if not, its exit code need not be awaited. */
  public boolean reportsExit(Exit how) {
    return LOG.isLoggable(how.level) || (how.death && Jfr.started() && Recorded.deathWanted());
  }

  /**
   * It is gone.
   *
   * @param exitCode its exit code, null if it could not be learnt (not awaited for {@link Exit#LET_GO})
   * @param runningTask the id of the task it was running, 0 if none
   * @param reason why its connection closed, or why the pool stopped it; may be null
   * @param stderr the last lines of its standard error (empty unless {@link Exit#quotesStderr})
   */
  public void exited(Exit how, Integer exitCode, long runningTask, String reason, List<String> stderr) {
    if (!reportsExit(how)) {
      return;
    }
    if (LOG.isLoggable(how.level)) {
      LOG.log(how.level, describe(how, exitCode, runningTask, reason, stderr));
    }
    if (how.death && Jfr.started()) {
      Recorded.death(name, pid, exitCode, runningTask, how == Exit.STOPPED, reason, stderr);
    }
  }

  private String describe(Exit how, Integer exitCode, long runningTask, String reason, List<String> stderr) {
    if (how == Exit.LET_GO) {
      return this + " exited" + (reason == null ? "" : ": " + reason); // its exit code: 0, or the kill that followed
    }
    String what = switch (how) {
      case LET_GO -> " exited";
      case STOPPED -> " was stopped by the pool";
      case NEVER_READY -> " exited before it was ready";
      case DIED -> " died";
    };
    return this + what + ", " + ExitCodes.describe(exitCode)
        + (runningTask == 0 ? "" : ", while running task " + runningTask)
        + (reason == null ? "" : ": " + reason)
        + (stderr.isEmpty() ? "" : "; its standard error ended with: " + String.join(" / ", stderr));
  }

  /** {@code PoolWorker-3 (pid 4242)}; a worker on a thread has no pid of its own. */
  @Override
  public String toString() {
    return pid < 0 ? name : name + " (pid " + pid + ")";
  }

  /**
   * What touches JFR's event classes, loaded only where {@code jdk.jfr} is present; the events a
   * life holds are typed {@code Object} outside, so that nothing else needs their classes.
   */
  private static final class Recorded {
    static Object beginStart() {
      return begun(new WorkerStartEvent());
    }

    static Object beginReady() {
      return begun(new WorkerReadyEvent());
    }

    private static jdk.jfr.Event begun(jdk.jfr.Event event) {
      if (!event.isEnabled()) {
        return null;
      }
      event.begin();
      return event;
    }

    static void started(Object begun, String name, long pid, String predecessor) {
      WorkerStartEvent event = (WorkerStartEvent) begun;
      event.end();
      event.worker = name;
      event.pid = pid;
      event.replacing = predecessor;
      event.commit();
    }

    static void ready(Object begun, String name, long pid) {
      WorkerReadyEvent event = (WorkerReadyEvent) begun;
      event.end();
      event.worker = name;
      event.pid = pid;
      event.commit();
    }

    static boolean deathWanted() {
      return new WorkerDeathEvent().isEnabled();
    }

    static void death(String name, long pid, Integer exitCode, long runningTask, boolean stoppedByPool,
                      String reason, List<String> stderr) {
      WorkerDeathEvent event = new WorkerDeathEvent();
      if (!event.shouldCommit()) {
        return;
      }
      event.worker = name;
      event.pid = pid;
      event.exitCode = exitCode == null ? -1 : exitCode;
      event.signal = exitCode == null ? "" : ExitCodes.signal(exitCode);
      event.runningTask = runningTask;
      event.stoppedByPool = stoppedByPool;
      event.reason = reason;
      event.stderr = String.join("\n", stderr);
      event.commit();
    }
  }
}
