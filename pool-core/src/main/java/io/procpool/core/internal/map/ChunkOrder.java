package io.procpool.core.internal.map;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The order in which submitted chunks are handed to an imap consumer: the order of the input
 * (imap) or the order in which they complete (imapUnordered).
 */
public abstract class ChunkOrder {
  /** Waits without a time limit. */
  static final long NO_TIMEOUT = -1;

  /** Chunks in input order. */
  public static ChunkOrder ofInput() {
    return new InputOrder();
  }

  /** Chunks in the order they complete. */
  public static ChunkOrder ofCompletion() {
    return new CompletionOrder();
  }

  /** A chunk was submitted. Consumer's thread. */
  abstract void add(ItemChunk chunk);

  /**
   * Waits for the next chunk that is done, and removes it. Consumer's thread.
   *
   * @param timeoutNanos how long to wait at most, or {@link #NO_TIMEOUT}
   * @throws TimeoutException if no chunk was done in time; nothing was removed
   */
  abstract ItemChunk take(long timeoutNanos) throws InterruptedException, TimeoutException;

  /** Forgets every chunk. Consumer's thread. */
  abstract void clear();

  private static final class InputOrder extends ChunkOrder {
    private final ArrayDeque<ItemChunk> submitted = new ArrayDeque<>();

    @Override
    void add(ItemChunk chunk) {
      submitted.addLast(chunk);
    }

    @Override
    ItemChunk take(long timeoutNanos) throws InterruptedException, TimeoutException {
      await(submitted.getFirst().done(), timeoutNanos);
      return submitted.removeFirst();
    }

    private static void await(CompletableFuture<?> done, long timeoutNanos)
        throws InterruptedException, TimeoutException {
      try {
        if (timeoutNanos == NO_TIMEOUT) {
          done.get();
        } else {
          done.get(timeoutNanos, TimeUnit.NANOSECONDS);
        }
      } catch (ExecutionException | CancellationException e) {
        // done, with a failure that the chunk's outcomes will tell
      }
    }

    @Override
    void clear() {
      submitted.clear();
    }
  }

  private static final class CompletionOrder extends ChunkOrder {
    /** Filled by whichever thread completes a chunk. */
    private final LinkedBlockingQueue<ItemChunk> completed = new LinkedBlockingQueue<>();

    @Override
    void add(ItemChunk chunk) {
      chunk.done().whenComplete((value, error) -> completed.add(chunk));
    }

    @Override
    ItemChunk take(long timeoutNanos) throws InterruptedException, TimeoutException {
      if (timeoutNanos == NO_TIMEOUT) {
        return completed.take();
      }
      ItemChunk chunk = completed.poll(timeoutNanos, TimeUnit.NANOSECONDS);
      if (chunk == null) {
        throw new TimeoutException("no result within " + timeoutNanos + " ns");
      }
      return chunk;
    }

    @Override
    void clear() {
      completed.clear();
    }
  }
}
