package io.procpool.transport.netty;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends Netty threads and waits for events without throwing, and never on a thread that must do the work. */
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

  /** Waits a little for {@code events}; the caller makes sure it is not the thread that completes them. */
  static void await(List<CompletableFuture<Void>> events) {
    try {
      CompletableFuture.allOf(events.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // a listener failed or hangs: shut down regardless
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits a little for a JDK executor that was shut down to end its thread. */
  static void awaitTermination(ExecutorService executor) {
    try {
      executor.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
