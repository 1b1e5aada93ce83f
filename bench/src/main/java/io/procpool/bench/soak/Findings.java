package io.procpool.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Problems the soak saw, by kind: a count and the first few descriptions of each, so that a
 * report can say exactly what went wrong (which ids, which stack) without keeping millions.
 */
final class Findings {
  static final int SAMPLES = 10;

  private static final class Kind {
    long count;
    final List<String> samples = new ArrayList<>();
  }

  private final Map<String, Kind> kinds = new TreeMap<>();

  synchronized void add(String kind, String description) {
    Kind entry = kinds.computeIfAbsent(kind, k -> new Kind());
    entry.count++;
    if (entry.samples.size() < SAMPLES) {
      entry.samples.add(description);
    }
  }

  synchronized long count(String kind) {
    Kind entry = kinds.get(kind);
    return entry == null ? 0 : entry.count;
  }

  synchronized boolean isEmpty() {
    return kinds.isEmpty();
  }

  /** Every kind with its count and samples, for the report. */
  synchronized String describe() {
    StringBuilder text = new StringBuilder();
    kinds.forEach((kind, entry) -> {
      text.append("  ").append(kind).append(": ").append(entry.count).append('\n');
      entry.samples.forEach(sample -> text.append("    - ").append(sample.replace("\n", "\n      ")).append('\n'));
      if (entry.count > entry.samples.size()) {
        text.append("    - ... and ").append(entry.count - entry.samples.size()).append(" more\n");
      }
    });
    return text.toString();
  }
}
