package io.procpool.core.internal.map;

import io.procpool.Outcome;
import io.procpool.Progress;
import io.procpool.ResultIterator;
import io.procpool.core.internal.pool.DefaultAsyncResult;
import io.procpool.core.internal.pool.ItemProgress;
import io.procpool.core.internal.pool.PendingTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * imap's iterator. It keeps at most {@code window} chunks submitted and not yet handed out in
 * full, and reads more input only when the consumer takes results: on the consumer's thread, in
 * batches, once the window is half empty (one submit for many chunks, instead of one per result).
 */
public final class LazyResultIterator<R> implements ResultIterator<R> {
  /**
   * Chunks per worker that may be in flight, at least. In input order one slow item holds back
   * the results behind it while the other workers go on, so the window must be deep enough for
   * them to keep working (here through an item about 16 times slower than the rest) and to keep
   * each worker's pipeline full of short tasks; it stays small enough to bound memory by the
   * worker count.
   */
  static final int CHUNKS_PER_WORKER = 16;

  /**
   * Items per worker that may be in flight, at least. With small chunks, 16 of them are gone
   * before the consumer's thread wakes to send more, and the workers wait: chunk size 1 ran at
   * 140-250k items/s with 16 chunks per worker, 370-450k with 256.
   */
  static final int ITEMS_PER_WORKER = 256;

  /** How many chunks of {@code chunksize} items may be in flight on {@code workers} workers. */
  public static int window(int workers, int chunksize) {
    return workers * Math.max(CHUNKS_PER_WORKER, ITEMS_PER_WORKER / chunksize);
  }

  private final ChunkedInput input;
  private final ItemChunks chunks;
  private final ChunkOrder order;
  private final Consumer<List<PendingTask>> submitter;
  private final Consumer<PendingTask> canceller;
  private final int window;
  /** Chunks submitted and not yet taken from {@code order}: what close() cancels. */
  private final Set<ItemChunk> unfinished = ConcurrentHashMap.newKeySet();
  /** The outcomes of the chunk being handed out. */
  private final ArrayDeque<Outcome<Object>> current = new ArrayDeque<>();
  /** Chunks submitted whose items have not all been handed out. */
  private int chunksInFlight;
  private final ItemProgress progress;
  /** Items the pool accepted; written by the consumer's thread, read by close() too. */
  private volatile long submitted;
  private volatile boolean closed;
  private boolean released;

  private LazyResultIterator(ChunkedInput input, ItemChunks chunks, ChunkOrder order,
                             Consumer<List<PendingTask>> submitter, Consumer<PendingTask> canceller, int window,
                             ItemProgress progress) {
    this.input = input;
    this.chunks = chunks;
    this.order = order;
    this.submitter = submitter;
    this.canceller = canceller;
    this.window = window;
    this.progress = progress;
  }

  /**
   * Reads and submits the first window of chunks. {@code canceller} cancels, on close, the tasks
   * of chunks whose results were not taken; {@code progress} counts the items as chunks settle,
   * and learns the total when the input ends.
   *
   * @throws IllegalStateException from {@code submitter} if the pool is not running
   */
  public static <R> LazyResultIterator<R> start(ChunkedInput input, ItemChunks chunks, ChunkOrder order,
                                         Consumer<List<PendingTask>> submitter, Consumer<PendingTask> canceller,
                                         int window, ItemProgress progress) {
    LazyResultIterator<R> iterator =
        new LazyResultIterator<>(input, chunks, order, submitter, canceller, window, progress);
    iterator.submit(iterator.readChunks()); // even with no items: a pool that is not running says so now
    iterator.totalIfInputEnded();
    return iterator;
  }

  @Override
  public Progress progress() {
    return progress.snapshot();
  }

  @Override
  public ResultIterator<R> onProgress(Consumer<? super Progress> listener) {
    progress.listen(listener);
    return this;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      release();
      return false;
    }
    refillIfHalfEmpty();
    return chunksInFlight > 0 || input.hasFailure();
  }

  @Override
  public R next() {
    try {
      return valueOf(nextOutcome(ChunkOrder.NO_TIMEOUT));
    } catch (TimeoutException e) {
      throw new AssertionError("timed out without a timeout", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException("interrupted while waiting for the next result");
      cancelled.initCause(e);
      throw cancelled;
    }
  }

  @Override
  public R next(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
    try {
      return valueOf(nextOutcome(Math.max(0, unit.toNanos(timeout))));
    } catch (TimeoutException e) {
      throw DefaultAsyncResult.noResultWithin(timeout, unit);
    }
  }

  @Override
  public void close() {
    closed = true; // the consumer's thread lets go of the rest, so close() may come from any thread
    progress.totalIs(submitted); // what was read is all there will be; a submit under way adds its own
    for (ItemChunk chunk : unfinished) {
      chunk.tasks().forEach(canceller); // not begun: never runs; running: finishes, unread
    }
  }

  @SuppressWarnings("unchecked")
  private R valueOf(Outcome<Object> outcome) {
    return (R) outcome.value(); // a failed item throws its CompletionException here
  }

  private Outcome<Object> nextOutcome(long timeoutNanos) throws InterruptedException, TimeoutException {
    if (!hasNext()) {
      throw new NoSuchElementException(closed ? "the result iterator is closed" : "no more results");
    }
    if (chunksInFlight == 0) {
      throw input.takeFailure(); // every result before the input failed has been handed out
    }
    if (current.isEmpty()) {
      ItemChunk chunk = order.take(timeoutNanos);
      chunk.count(); // if the thread that settled it has not yet: counted before it is handed out
      unfinished.remove(chunk);
      current.addAll(chunk.outcomes());
    }
    Outcome<Object> outcome = current.removeFirst();
    if (current.isEmpty()) {
      chunksInFlight--;
    }
    return outcome;
  }

  private void refillIfHalfEmpty() {
    if (input.ended() || chunksInFlight > window / 2) {
      return;
    }
    List<ItemChunk> batch = readChunks();
    if (!batch.isEmpty()) {
      try {
        submit(batch);
      } catch (RuntimeException notRunning) {
        input.fail(notRunning); // the pool was shut down meanwhile: the results so far, then this
      }
    }
    totalIfInputEnded();
  }

  /** Once the input has ended, every item is submitted: the total is known. */
  private void totalIfInputEnded() {
    if (input.ended()) {
      progress.totalIs(submitted);
    }
  }

  private List<ItemChunk> readChunks() {
    List<ItemChunk> batch = new ArrayList<>();
    while (chunksInFlight + batch.size() < window) {
      List<Object> items = input.next();
      if (items.isEmpty()) {
        break;
      }
      batch.add(chunks.chunk(items));
    }
    return batch;
  }

  /** Counts the chunks in only once the pool accepted them. */
  private void submit(List<ItemChunk> batch) {
    ItemChunks.countInto(batch, progress);
    submitter.accept(ItemChunks.tasksOf(batch));
    long items = 0;
    for (ItemChunk chunk : batch) {
      items += chunk.size();
    }
    submitted += items; // before they count, so that no count runs ahead of the total
    if (closed) {
      progress.totalIs(submitted); // close() came while this batch was on its way
    }
    ItemChunks.accepted(batch);
    unfinished.addAll(batch);
    batch.forEach(order::add);
    chunksInFlight += batch.size();
  }

  private void release() {
    if (!released) {
      released = true;
      input.close();
      progress.totalIs(submitted);
      order.clear();
      current.clear();
      chunksInFlight = 0;
    }
  }
}
