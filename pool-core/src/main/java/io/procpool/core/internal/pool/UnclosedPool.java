package io.procpool.core.internal.pool;

import io.procpool.core.internal.events.Loggers;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What becomes of a pool that nobody closed once it is unreachable: as Python's pool does from its
 * finalizer, its workers are terminated, with one warning that says where it was built. The
 * {@link Cleaner} holds this object, so it holds nothing that leads back to the pool: only the
 * worker group (which holds the scheduler, never the pool) and the build site.
 */
final class UnclosedPool implements Runnable {
  private static final System.Logger LOG = System.getLogger(Loggers.POOL);

  /**
   * One daemon thread for every pool of this JVM, started with the first pool, in the root thread
   * group as the JDK's own cleaner is: it serves the JVM, not the program whose thread happened to
   * build the first pool, and {@code mvn exec:java} waits 15 s at exit for any thread left in
   * its program's group.
   */
  private static final class Holder {
    static final Cleaner CLEANER = Cleaner.create(runnable -> {
      Thread thread = new Thread(rootThreadGroup(), runnable, "procpool-cleaner");
      thread.setDaemon(true);
      thread.setContextClassLoader(null);
      return thread;
    });

    private static ThreadGroup rootThreadGroup() {
      ThreadGroup group = Thread.currentThread().getThreadGroup();
      while (group.getParent() != null) {
        group = group.getParent();
      }
      return group;
    }
  }

  enum Use { RUNNING, STOPPED, DONE }

  private final WorkerGroup workers;
  private final String builtAt;
  private final AtomicReference<Use> use = new AtomicReference<>(Use.RUNNING);
  private Cleaner.Cleanable cleanable;

  private UnclosedPool(WorkerGroup workers, String builtAt) {
    this.workers = workers;
    this.builtAt = builtAt;
  }

  /** Watches {@code pool}, which must not be reachable from {@code workers}; {@link #done()} lets it go. */
  static UnclosedPool watch(Object pool, WorkerGroup workers, String builtAt) {
    UnclosedPool cleanup = new UnclosedPool(workers, builtAt);
    cleanup.cleanable = Holder.CLEANER.register(pool, cleanup);
    return cleanup;
  }

  /** The user shut the pool down or terminated it: it was not forgotten, so no warning. */
  void stopped() {
    use.compareAndSet(Use.RUNNING, Use.STOPPED);
  }

  /** The pool was closed, joined or terminated: nothing is left to clean. */
  void done() {
    use.set(Use.DONE);
    cleanable.clean();
  }

  @Override
  public void run() {
    Use was = use.get();
    if (was == Use.DONE) {
      return;
    }
    if (was == Use.RUNNING) {
      LOG.log(System.Logger.Level.WARNING, "A pool that was never closed is no longer referenced: terminating"
          + " its workers. It was built at {0}. Close every pool (try-with-resources, or close() in a"
          + " finally block)", builtAt);
    }
    workers.terminateAndAwait();
  }
}
