package io.procpool.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What one kit class ran and skipped, and why; {@link CapabilityCheck} fills and prints it. */
final class KitReport {
  private final Set<TransportCapability> lacking;
  private final List<String> skips = new ArrayList<>();
  private int ran;

  KitReport(Set<TransportCapability> lacking) {
    this.lacking = Set.copyOf(lacking);
  }

  Set<TransportCapability> lacking() {
    return lacking;
  }

  synchronized void ran() {
    ran++;
  }

  synchronized void skipped(String test, String reason) {
    skips.add(test + ": " + reason);
  }

  /** One line per skipped test, {@code Contract.test: transport lacks X (meaning)}, sorted. */
  synchronized List<String> skips() {
    List<String> sorted = new ArrayList<>(skips);
    sorted.sort(null);
    return sorted;
  }

  synchronized String counts() {
    return (ran + skips.size()) + " kit tests: " + ran + " run, " + skips.size() + " skipped";
  }

  /** The block printed after the class: the counts, then {@code SKIPPED ...} per skipped test. */
  String summary(String kitClass) {
    StringBuilder block = new StringBuilder();
    block.append("[procpool transport kit] ").append(kitClass).append(": ").append(counts()).append('\n');
    for (String skip : skips()) {
      block.append("[procpool transport kit]   SKIPPED ").append(skip).append('\n');
    }
    return block.toString();
  }
}
