package io.procpool.core.internal.map;

import io.procpool.Progress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The user's items, read a chunk at a time, and why they ended. Used only on the consumer's
 * thread, so the user's iterator need not be thread-safe.
 */
public final class ChunkedInput {
  private final Iterator<?> items;
  private final int chunksize;
  private boolean ended;
  private RuntimeException failure;

  public ChunkedInput(Iterator<?> items, int chunksize) {
    this.items = items;
    this.chunksize = chunksize;
  }

  /** How many items {@code items} has, if it is a collection; else {@link Progress#UNKNOWN}. */
  public static long sizeIfKnown(Iterable<?> items) {
    return items instanceof Collection<?> collection ? collection.size() : Progress.UNKNOWN;
  }

  /**
   * The next items, up to {@code chunksize}; empty once the input ended. If the user's iterator
   * throws, the items read before are returned and the exception is kept for {@link #takeFailure()}.
   */
  List<Object> next() {
    List<Object> chunk = new ArrayList<>(Math.min(chunksize, 1024));
    try {
      while (!ended && chunk.size() < chunksize && items.hasNext()) {
        chunk.add(items.next());
      }
      ended |= chunk.size() < chunksize;
    } catch (RuntimeException e) {
      fail(e);
    }
    return chunk;
  }

  /** Whether no more items will be read. */
  boolean ended() {
    return ended;
  }

  /** Ends the input because of {@code reason}, which the consumer is to see after the results so far. */
  void fail(RuntimeException reason) {
    ended = true;
    failure = reason;
  }

  /** Whether the input ended with a failure not yet taken. */
  boolean hasFailure() {
    return failure != null;
  }

  /** The failure that ended the input; after this, {@link #hasFailure()} is false. */
  RuntimeException takeFailure() {
    RuntimeException taken = failure;
    failure = null;
    return taken;
  }

  /** Reads no more, and forgets any failure. */
  void close() {
    ended = true;
    failure = null;
  }
}
