package io.procpool.core.internal.wire;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The large values the lambdas of one call capture ({@code apply}, or every chunk of a
 * {@code map}), each encoded and hashed once for the call. A value is large when it encodes to
 * {@link #MIN_BYTES} or more; smaller ones travel inside each task, as before. Kept by identity:
 * a map's chunks capture the very same objects, and the call sends what they held when it was
 * made. Thread-safe: a lazy {@code imap} encodes its chunks on more than one thread.
 */
public final class SharedCaptures {
  /** The smallest encoded value sent once per worker rather than once per task. */
  public static final int MIN_BYTES = 64 * 1024;

  /** Stands for a captured value found small, so it is not encoded apart again. */
  private static final SharedValue SMALL = new SharedValue(null, null);

  /** Made on the first captured value looked at: most calls, and every apply, never need it. */
  private Map<Object, SharedValue> byIdentity;
  private boolean anyLarge;

  /** Whether a large value was found: then every task of the call is encoded sharing. */
  synchronized boolean anyLarge() {
    return anyLarge;
  }

  /** The shared form of {@code captured}, or null if it is small and goes inside the task. */
  synchronized SharedValue sharedFormOf(Object captured, KryoCodec codec) {
    if (captured == null || captured instanceof Number || captured instanceof Character || captured instanceof Boolean
        || captured instanceof SharedHandle) {
      return null; // never large (a handle travels as its key), and boxed values are too often the same instance to memoise
    }
    if (byIdentity == null) {
      byIdentity = new IdentityHashMap<>();
    }
    SharedValue known = byIdentity.get(captured);
    if (known == null) {
      byte[] bytes = codec.encodeApart(captured);
      known = bytes.length >= MIN_BYTES ? SharedValue.of(bytes) : SMALL;
      byIdentity.put(captured, known);
      anyLarge |= known != SMALL;
    }
    return known == SMALL ? null : known;
  }
}
