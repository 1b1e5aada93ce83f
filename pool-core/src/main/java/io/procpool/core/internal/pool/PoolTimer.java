package io.procpool.core.internal.pool;

import java.time.Duration;

/**
 * When the pool does something later: stop a task that overran, fail a lost task if its worker's
 * exit code never comes, close a dead worker's connection, end a CDS training worker that hangs.
 * One per pool, so tests can hand in one they drive by hand.
 */
interface PoolTimer {

  /** Runs {@code action} once, {@code delay} from now, unless cancelled first. Actions must be short. */
  Scheduled schedule(Runnable action, Duration delay);

  /** Drops whatever is still scheduled, and what is scheduled from now on: the pool's workers are gone. */
  void shutdown();

  /** An action scheduled to run later. */
  interface Scheduled {
    /** Makes sure it does not run, if it has not yet; idempotent. */
    void cancel();
  }
}
