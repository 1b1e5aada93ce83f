package io.procpool.cluster.internal;

import java.time.Duration;

/**
 * Lets this JVM exit as if the Hazelcast clients' threads were daemons (every thread named for a
 * client, {@link HazelcastSettings#CLIENT_NAME_PREFIX}). Hazelcast makes every
 * thread of its own a non-daemon one (its thread factories undo a daemon parent), so an open
 * client would keep alive a program whose {@code main} returned, which a pool of local workers
 * does not: its accepted work done, the JVM exits and its workers with it. This daemon thread
 * looks, while a client is open, for the moment nothing but the clients' threads keeps the JVM
 * alive, and then shuts them down, so that it exits as it would have.
 */
final class ExitWatch {
  private static final Duration EVERY = Duration.ofMillis(200);

  private ExitWatch() {}

  /** Starts watching; {@code shutDownAll} is called once if only client threads are left, {@code stop} ends it. */
  static Thread start(Runnable shutDownAll, java.util.function.BooleanSupplier stop) {
    Thread watch = new Thread(() -> {
      try {
        while (!stop.getAsBoolean()) {
          Thread.sleep(EVERY.toMillis());
          if (onlyClientThreadsKeepTheJvmAlive() && !stop.getAsBoolean()) {
            shutDownAll.run();
            return;
          }
        }
      } catch (InterruptedException e) {
        // stopped
      }
    }, "procpool-cluster-exit-watch");
    watch.setDaemon(true);
    watch.start();
    return watch;
  }

  /** Whether every live non-daemon thread is a client's, but the one that waits to end the JVM. */
  static boolean onlyClientThreadsKeepTheJvmAlive() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 32];
    int count = root.enumerate(threads, true);
    for (int i = 0; i < count; i++) {
      Thread thread = threads[i];
      if (thread.isAlive() && !thread.isDaemon() && !thread.getName().equals("DestroyJavaVM")
          && !thread.getName().contains(HazelcastSettings.CLIENT_NAME_PREFIX)) { // some are hz.hz.procpool-client-...
        return false;
      }
    }
    return true;
  }
}
