package io.procpool.junit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of the pools' was alive when a test (or class) began, and what outlives it: worker
 * processes (descendants of this JVM started as pool workers) and pool threads (named
 * {@code procpool-}). Only what appeared during the watch counts, so a class's pool does not fail
 * its tests and a thread another test left does not fail this one.
 *
 * <p>Under parallel execution, what appeared cannot be told apart from what a test running
 * alongside started. A watch that ran while another unrelated one was open is <i>crowded</i>:
 * it checks only the worker processes of the pools it was told it owns ({@link #expectGone}).
 */
public final class LeakWatch {
  /** The cleaner of unclosed pools: one for the whole JVM, started with its first pool, on purpose. */
  private static final Set<String> JVM_WIDE_THREADS = Set.of("procpool-cleaner");
  private static final String POOL_THREAD_PREFIX = "procpool-";
  private static final String WORKER_MARK = "-Dprocpool.worker.name=";
  private static final long POLL_MILLIS = 20;

  /** Watches open now, for telling when two ran at the same time. */
  private static final Set<LeakWatch> OPEN = Collections.newSetFromMap(new IdentityHashMap<>());

  private final LeakWatch parent;
  private final Set<Long> workersBefore;
  private final Set<Thread> threadsBefore;
  private final Set<Long> owned = new HashSet<>();
  private boolean crowded; // guarded by OPEN

  private LeakWatch(LeakWatch parent) {
    this.parent = parent;
    this.threadsBefore = Collections.newSetFromMap(new IdentityHashMap<>());
    this.threadsBefore.addAll(poolThreads());
    this.workersBefore = liveWorkers().stream().map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  /** Begins a watch now; {@code parent} is the enclosing one (a class's, for a test), or null. */
  public static LeakWatch begin(LeakWatch parent) {
    LeakWatch watch = new LeakWatch(parent);
    synchronized (OPEN) {
      for (LeakWatch other : OPEN) {
        if (!watch.isWithin(other) && !other.isWithin(watch)) {
          other.crowded = true;
          watch.crowded = true;
        }
      }
      OPEN.add(watch);
    }
    return watch;
  }

  private boolean isWithin(LeakWatch other) {
    for (LeakWatch at = this; at != null; at = at.parent) {
      if (at == other) {
        return true;
      }
    }
    return false;
  }

  /** Worker processes of pools this watch's test owns: they must be gone even when crowded. */
  public synchronized void expectGone(Collection<Long> pids) {
    owned.addAll(pids);
  }

  /**
   * Ends the watch of {@code what} (a test's name, for the messages): waits up to {@code grace}
   * for what appeared during it to end, kills the
   * worker processes that did not, and describes each thing left, one per entry.
   */
  public List<String> end(String what, Duration grace) throws InterruptedException {
    return end(what, grace, Set.of(), true);
  }

  /**
   * Ends the watch as {@link #end(String, Duration)} does, but for a test within a scope whose
   * pool lives on (a class's): its workers ({@code livingOn}) are not counted, and neither are
   * threads, which that pool may have started during the test; the scope's own check counts them.
   */
  public List<String> end(String what, Duration grace, Set<Long> livingOn, boolean countThreads) throws InterruptedException {
    try {
      long deadline = System.nanoTime() + grace.toNanos();
      Leftovers left = leftovers(livingOn, countThreads);
      while (!left.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(POLL_MILLIS);
        left = leftovers(livingOn, countThreads);
      }
      return left.describeAndKill(what, grace);
    } finally {
      synchronized (OPEN) {
        OPEN.remove(this);
      }
    }
  }

  private Leftovers leftovers(Set<Long> livingOn, boolean countThreads) {
    boolean narrow;
    synchronized (OPEN) {
      narrow = crowded;
    }
    Set<Long> ownedNow;
    synchronized (this) {
      ownedNow = Set.copyOf(owned);
    }
    List<ProcessHandle> workers = liveWorkers().stream()
        .filter(process -> narrow ? ownedNow.contains(process.pid()) : !workersBefore.contains(process.pid()))
        .filter(process -> !livingOn.contains(process.pid()))
        .collect(Collectors.toList());
    List<Thread> threads = narrow || !countThreads ? List.of() : poolThreads().stream()
        .filter(thread -> !threadsBefore.contains(thread))
        .filter(thread -> !idleInExecutor(thread))
        .collect(Collectors.toList());
    return new Leftovers(workers, threads);
  }

  /** The live descendants of this JVM that are pool workers. */
  public static List<ProcessHandle> liveWorkers() {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().commandLine().orElse("").contains(WORKER_MARK))
        .collect(Collectors.toList());
  }

  /** Live threads named as the pool's, its transports' and its workers' are, but for the JVM-wide ones. */
  static List<Thread> poolThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(thread -> thread.getName().startsWith(POOL_THREAD_PREFIX))
        .filter(thread -> !JVM_WIDE_THREADS.contains(thread.getName()))
        .collect(Collectors.toList());
  }

  /**
   * Whether the thread waits for work in an executor: the pool's callback thread does so, idle,
   * until its keep-alive ends it; it holds nothing, and waiting for it would cost every test.
   */
  private static boolean idleInExecutor(Thread thread) {
    StackTraceElement[] stack = thread.getStackTrace();
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
        return true;
      }
    }
    return false;
  }

  private record Leftovers(List<ProcessHandle> workers, List<Thread> threads) {
    boolean isEmpty() {
      return workers.isEmpty() && threads.isEmpty();
    }

    List<String> describeAndKill(String what, Duration grace) {
      List<String> found = new ArrayList<>();
      for (ProcessHandle worker : workers) {
        String command = worker.info().commandLine().orElse("?");
        found.add("worker process pid " + worker.pid() + " (" + workerName(command) + ") was still alive "
            + grace.toMillis() + " ms after the end of " + what + ", and was killed: " + shorten(command));
        worker.destroyForcibly();
      }
      for (Thread thread : threads) {
        found.add("pool thread '" + thread.getName() + "' (" + thread.getState() + ") was still alive "
            + grace.toMillis() + " ms after the end of " + what + ", at " + topFrames(thread));
      }
      return found;
    }

    private static String workerName(String command) {
      int at = command.indexOf(WORKER_MARK);
      if (at < 0) {
        return "?";
      }
      int end = command.indexOf(' ', at);
      return command.substring(at + WORKER_MARK.length(), end < 0 ? command.length() : end);
    }

    private static String shorten(String command) {
      return command.length() <= 300 ? command : command.substring(0, 300) + "…";
    }

    private static String topFrames(Thread thread) {
      StackTraceElement[] stack = thread.getStackTrace();
      List<String> frames = new ArrayList<>();
      for (int i = 0; i < Math.min(6, stack.length); i++) {
        frames.add(stack[i].toString());
      }
      return frames.isEmpty() ? "(no stack)" : String.join(" < ", frames);
    }
  }
}
