package io.procpool.core.internal.wire;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The large values the lambdas of one call capture ({@code apply}, or every chunk of a
 * {@code map}), each encoded and hashed once for the call. A value is large when it encodes to
 * {@link #MIN_BYTES} or more; smaller ones travel inside each task, as before. Kept by identity:
 * a map's chunks capture the very same objects, and the call sends what they held when it was
 * made. A value an earlier call shared and that has not changed since is taken from {@link
 * KnownCaptures} instead of being encoded again. Thread-safe: a lazy {@code imap} encodes its
 * chunks on more than one thread.
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
    if (neverLarge(captured)) {
      return null;
    }
    if (byIdentity == null) {
      byIdentity = new IdentityHashMap<>();
    }
    SharedValue known = byIdentity.get(captured);
    if (known == null) {
      known = KnownCaptures.INSTANCE.unchanged(captured);
      if (known == null) {
        byte[] bytes = codec.encodeApart(captured);
        known = bytes.length >= MIN_BYTES ? KnownCaptures.INSTANCE.remember(captured, bytes) : SMALL;
      }
      byIdentity.put(captured, known);
      anyLarge |= known != SMALL;
    }
    return known == SMALL ? null : known;
  }

  /**
   * The shared form of {@code captured} if this call or an earlier one found it large and it
   * provably has not changed since (see {@link KnownCaptures}); else null, and nothing is encoded.
   * So a task that captures what an earlier call shared is encoded once, sharing, not twice.
   */
  SharedValue knownFormOf(Object captured) {
    if (neverLarge(captured)) {
      return null; // before the lock: every task of a lambda that captures a number comes here
    }
    synchronized (this) {
      SharedValue known = byIdentity == null ? null : byIdentity.get(captured);
      if (known != null) {
        return known == SMALL ? null : known;
      }
      known = KnownCaptures.INSTANCE.unchanged(captured);
      if (known != null) {
        if (byIdentity == null) {
          byIdentity = new IdentityHashMap<>();
        }
        byIdentity.put(captured, known);
        anyLarge = true;
      }
      return known;
    }
  }

  /**
   * Whether {@code captured}'s size says it may well encode to {@link #MIN_BYTES} or more: then the
   * task's first encoding encodes it apart at once, rather than inline first to find out (a 20 MB
   * list cost two encodings on the call that first captured it). A guess that was wrong costs one
   * encoding of a value of {@value #LIKELY_LARGE_ELEMENTS} elements or more, once per call.
   */
  static boolean likelyLarge(Object captured) {
    if (captured instanceof Collection<?> collection) {
      return collection.size() >= LIKELY_LARGE_ELEMENTS;
    } else if (captured instanceof Map<?, ?> map) {
      return map.size() >= LIKELY_LARGE_ELEMENTS;
    } else if (captured instanceof String string) {
      return string.length() >= MIN_BYTES;
    }
    return captured != null && captured.getClass().isArray() && Array.getLength(captured) >= LIKELY_LARGE_ELEMENTS;
  }

  /** See {@link #likelyLarge}. */
  static final int LIKELY_LARGE_ELEMENTS = 4096;

  private static boolean neverLarge(Object captured) {
    // a handle travels as its key, and boxed values are too often the same instance to memoise
    return captured == null || captured instanceof Number || captured instanceof Character
        || captured instanceof Boolean || captured instanceof SharedHandle;
  }
}
