package io.procpool.core.internal.pool;

import io.procpool.spi.WorkerProcess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool's worker processes that have not exited: what join() waits for and the exit hook
 * kills. A process leaves the set as it exits, so that a long-lived pool that replaces workers
 * (crashes, timeouts, maxTasksPerChild) does not keep every dead one reachable, with its streams
 * and stderr tail (the chaos soak saw about 8 KiB of parent heap per replaced worker).
 */
final class LiveProcesses {
  private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();

  void add(WorkerProcess process) {
    live.add(process);
    process.exitCode().whenComplete((code, failure) -> live.remove(process));
  }

  /** The processes not yet known to have exited, at this moment. */
  Set<WorkerProcess> snapshot() {
    return Set.copyOf(live);
  }

  int size() {
    return live.size();
  }
}
