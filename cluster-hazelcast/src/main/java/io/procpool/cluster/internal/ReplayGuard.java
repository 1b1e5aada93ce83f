package io.procpool.cluster.internal;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The nonces of the messages opened within the last {@code memory}; older messages are refused on
 * their timestamp, so they need not be remembered. Bounded: past {@link #LIMIT} nonces in the
 * window it refuses every message (fails closed) rather than forget one.
 */
final class ReplayGuard {
  static final int LIMIT = 1_000_000;

  private record Entry(ByteBuffer nonce, long at) {}

  private final long memoryMillis;
  private final Clock clock;
  private final Set<ByteBuffer> nonces = new HashSet<>();
  private final ArrayDeque<Entry> byAge = new ArrayDeque<>();

  ReplayGuard(Duration memory, Clock clock) {
    this.memoryMillis = memory.toMillis();
    this.clock = clock;
  }

  /** Whether {@code nonce} is seen for the first time (and remembers it). */
  synchronized boolean firstTime(byte[] nonce) {
    long now = clock.millis();
    while (!byAge.isEmpty() && now - byAge.peekFirst().at() > memoryMillis) {
      nonces.remove(byAge.pollFirst().nonce());
    }
    ByteBuffer key = ByteBuffer.wrap(nonce.clone());
    if (nonces.size() >= LIMIT || !nonces.add(key)) {
      return false;
    }
    byAge.addLast(new Entry(key, now));
    return true;
  }
}
