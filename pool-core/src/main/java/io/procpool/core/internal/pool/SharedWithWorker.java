package io.procpool.core.internal.pool;

import io.procpool.core.internal.wire.SharedKey;
import io.procpool.core.internal.wire.SharedValue;
import io.procpool.core.internal.wire.Wire;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared values one worker holds, as the pool sent them, and the rule that bounds them: the
 * least recently used go once the worker holds more than its capacity ({@link #CAPACITY_BYTES}), but never one a
 * task sent to it and not yet answered refers to. The pool decides and tells the worker (SHARE,
 * UNSHARE), so this mirror is exact and no task finds its value gone. Guarded by the worker
 * handle's outbox lock.
 */
final class SharedWithWorker {
  /** The encoded bytes a worker keeps of shared values; its decoded copies take some multiple of it. */
  static final long CAPACITY_BYTES = 128L << 20;

  /** Key to encoded size, least recently used first. */
  private final Map<SharedKey, Integer> held = new LinkedHashMap<>(16, 0.75f, true);
  private final long capacityBytes;
  private long heldBytes;

  SharedWithWorker() {
    this(CAPACITY_BYTES);
  }

  SharedWithWorker(long capacityBytes) {
    this.capacityBytes = capacityBytes;
  }

  /**
   * Writes a SHARE of each value {@code task} refers to that the worker lacks, then UNSHAREs what
   * the bound asks for, sparing the values of {@code inFlight} (which holds {@code task}).
   */
  void sendBefore(PendingTask task, Collection<PendingTask> inFlight, Outbox outbox) {
    for (SharedValue value : task.shared) {
      if (held.get(value.key()) == null) { // get, not containsKey: it marks the value used
        Wire.writeShare(outbox.forMessageOf(messageSize(value)), value);
        held.put(value.key(), value.bytes().length);
        heldBytes += value.bytes().length;
      }
    }
    for (Iterator<Map.Entry<SharedKey, Integer>> lru = held.entrySet().iterator();
         heldBytes > capacityBytes && lru.hasNext(); ) {
      Map.Entry<SharedKey, Integer> oldest = lru.next();
      if (!referredToByAny(oldest.getKey(), inFlight)) {
        Wire.writeUnshare(outbox.forMessageOf(Wire.UNSHARE_BYTES), oldest.getKey());
        heldBytes -= oldest.getValue();
        lru.remove();
      }
    }
  }

  private static boolean referredToByAny(SharedKey key, Collection<PendingTask> tasks) {
    for (PendingTask task : tasks) {
      for (SharedValue value : task.shared) {
        if (value.key().equals(key)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int messageSize(SharedValue value) {
    return (int) Math.min(Integer.MAX_VALUE, Wire.shareBytes(value.bytes().length));
  }
}
