package io.procpool.bench.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call each client is in, and since when, so that a call the pool never finishes is seen
 * while it hangs (and its stacks can be dumped then), not only at the end.
 */
final class CallWatch {
  /** One client's call in progress. */
  record InProgress(String client, Ledger.Call call, long startNanos, long firstId) {
    Duration age() {
      return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public String toString() {
      return client + " in " + call + " (its first task id " + firstId + ") for " + age().toSeconds() + " s";
    }
  }

  private final Map<String, InProgress> current = new ConcurrentHashMap<>();
  /** Calls already reported as hung, so that each is reported once. */
  private final List<InProgress> reported = new ArrayList<>();

  void begin(String client, Ledger.Call call, long firstId) {
    current.put(client, new InProgress(client, call, System.nanoTime(), firstId));
  }

  void end(String client) {
    current.remove(client);
  }

  /** Calls older than {@code limit} not reported before. */
  synchronized List<InProgress> newlyOverdue(Duration limit) {
    List<InProgress> overdue = new ArrayList<>();
    for (InProgress call : current.values()) {
      if (call.age().compareTo(limit) > 0 && !reported.contains(call)) {
        reported.add(call);
        overdue.add(call);
      }
    }
    return overdue;
  }

  /** The calls still in progress. */
  List<InProgress> inProgress() {
    return new ArrayList<>(current.values());
  }
}
