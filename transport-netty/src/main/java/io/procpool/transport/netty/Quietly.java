package io.procpool.transport.netty;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.TimeUnit;

/** Ends a group of Netty threads without throwing, and without waiting on one of its own threads. */
final class Quietly {
  private static final long TIMEOUT_SECONDS = 2;

  private Quietly() {}

  /** Runs what is already queued, then stops; waits a little for that unless called from inside the group. */
  static void shutDown(EventExecutorGroup group) {
    group.shutdownGracefully(0, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!runsOn(group)) {
      group.terminationFuture().awaitUninterruptibly(TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
    }
  }

  private static boolean runsOn(EventExecutorGroup group) {
    for (EventExecutor executor : group) {
      if (executor.inEventLoop()) {
        return true;
      }
    }
    return false;
  }
}
