package io.procpool.core.internal.worker;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Ends the worker when the pool's process is gone, even if the connection does not say so (a
 * grandchild holding the pipe open, a transport that does not notice).
 */
public final class ParentWatchdog {
  private ParentWatchdog() {}

  static void start(long parentPid) {
    if (parentPid < 0) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty()) {
      WorkerLog.log(Level.WARNING, "procpool worker: the pool's process " + parentPid + " is gone; exiting");
      Runtime.getRuntime().halt(1);
    }
    parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(1));
  }
}
