package io.procpool.core.internal.events;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * A pool's life as the log ({@link Loggers#POOL}) shows it: built, broken, terminated, closed.
 * Only a pool that broke (its workers cannot start, its initializer failed) says so at WARNING;
 * the rest is DEBUG.
 */
public final class PoolLife {
  private static final System.Logger LOG = System.getLogger(Loggers.POOL);

  private PoolLife() {}

  /** The pool was built, and its first workers launched, since {@code startNanos} ({@link System#nanoTime}). */
  public static void built(int workers, String transport, long startNanos) {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "Pool of {0} worker(s) over {1} built in {2} ms", Integer.toString(workers), transport,
          Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)));
    }
  }

  /** From now on every task fails with {@code why}. */
  public static void broken(RuntimeException why) {
    LOG.log(Level.WARNING, "The pool runs no more tasks: " + why.getMessage());
  }

  /** The pool is being terminated, with {@code unfinished} tasks it accepted and had not finished. */
  public static void terminating(int unfinished) {
    LOG.log(Level.DEBUG, "Terminating the pool: its workers are killed, and {0} unfinished task(s) fail",
        Integer.toString(unfinished));
  }

  /** Every worker the pool started, {@code started} in all, has exited; the transport is shut down. */
  public static void closed(int started) {
    LOG.log(Level.DEBUG, "Pool closed: the {0} worker(s) it started have all exited", Integer.toString(started));
  }
}
