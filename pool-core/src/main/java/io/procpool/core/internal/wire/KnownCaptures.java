package io.procpool.core.internal.wire;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedList;

/**
 * The large captured values earlier calls encoded, so that a call capturing the same object again
 * need not encode it and hash it again: 50 {@code apply} calls whose lambda captures the same 20 MB
 * list would otherwise encode it 100 times and hash it 50 times in the calling thread, for values
 * every worker already holds.
 *
 * <p>Found by identity, and trusted only with proof that the object holds what it held: a {@link
 * ContentSnapshot}, compared in about a millisecond for 200k strings. An object whose graph has no
 * snapshot (anything mutable beyond the JDK's plain collections) is encoded again each call, and
 * only its hash is spared when the bytes come out equal. So a value changed between calls is
 * always seen as changed: nothing here can send a stale value.
 *
 * <p>Bounded: the {@link #MAX_ENTRIES} most recently used values, at most {@link #MAX_BYTES} of encodings
 * beside the newest, the object held weakly (a value the program dropped is forgotten) and its
 * encoding and snapshot softly (memory pressure clears
 * them). Thread-safe.
 */
final class KnownCaptures {
  static final KnownCaptures INSTANCE = new KnownCaptures();
  static final int MAX_ENTRIES = 8;
  /** The encoded bytes kept, beyond the newest value. */
  static final long MAX_BYTES = 256L << 20;

  /** Most recently used first. */
  private final LinkedList<Entry> entries = new LinkedList<>();
  /** Read without the lock by every task that captures something: most programs never fill it. */
  private volatile boolean empty = true;

  /** What is known of one captured object. */
  private static final class Entry {
    final WeakReference<Object> captured;
    final SoftReference<Known> known;

    Entry(Object captured, Known known) {
      this.captured = new WeakReference<>(captured);
      this.known = new SoftReference<>(known);
    }
  }

  /** Its shared form, and the proof of what it held (null: no proof possible, encode it again). */
  private record Known(SharedValue value, ContentSnapshot snapshot) {}

  /** The shared form of {@code captured} if an earlier call encoded it and it provably has not changed since; else null. */
  SharedValue unchanged(Object captured) {
    Known known = find(captured);
    return known != null && known.snapshot() != null && known.snapshot().matches(captured) ? known.value() : null;
  }

  /**
   * The shared form of {@code captured}, whose encoding is {@code bytes}: the one known already if
   * its bytes are the same (sparing the hash), else a new one, remembered for the next call.
   */
  SharedValue remember(Object captured, byte[] bytes) {
    Known before = find(captured);
    SharedValue value = before != null && Arrays.equals(before.value().bytes(), bytes) ? before.value() : SharedValue.of(bytes);
    Known known = new Known(value, ContentSnapshot.of(captured));
    synchronized (this) {
      removeLocked(captured);
      entries.addFirst(new Entry(captured, known));
      while (entries.size() > MAX_ENTRIES || (entries.size() > 1 && bytesLocked() > MAX_BYTES)) {
        entries.removeLast();
      }
      empty = false;
    }
    return value;
  }

  /** Forgets everything (tests). */
  synchronized void clear() {
    entries.clear();
    empty = true;
  }

  private Known find(Object captured) {
    if (empty) {
      return null;
    }
    synchronized (this) {
      for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
        Entry entry = it.next();
        Object held = entry.captured.get();
        Known known = entry.known.get();
        if (held == null || known == null) {
          it.remove();
        } else if (held == captured) {
          it.remove();
          entries.addFirst(entry);
          return known;
        }
      }
      empty = entries.isEmpty();
      return null;
    }
  }

  private long bytesLocked() {
    long bytes = 0;
    for (Entry entry : entries) {
      Known known = entry.known.get();
      bytes += known == null ? 0 : known.value().bytes().length;
    }
    return bytes;
  }

  private void removeLocked(Object captured) {
    entries.removeIf(entry -> entry.captured.get() == captured || entry.captured.get() == null);
  }
}
