package io.procpool;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The results of {@link Pool#imap} or {@link Pool#imapUnordered}, one item at a time, as Python's
 * {@code IMapIterator}. The items are read and submitted as the results are taken, so an endless
 * input works; close the iterator (or its {@link #stream()}) to stop reading it early.
 *
 * <p>A failed item does not end the iteration: {@link #next()} throws a
 * {@link CompletionException} at that item's place, whose cause is the task's exception (as
 * {@link AsyncResult#get()} would report it), and the following call returns the next item.
 *
 * <p>Like most iterators, use it from one thread; only {@link #close()} may be called from any.
 *
 * @param <R> the type of the results
 */
public interface ResultIterator<R> extends Iterator<R>, AutoCloseable {

  /**
   * Whether another result (or failure) is to come. It does not wait for a worker, but it may read
   * the input to submit more items. False once the iterator is closed.
   */
  @Override
  boolean hasNext();

  /**
   * Waits for the next result and returns it.
   *
   * @throws CompletionException if this item failed; its cause is the task's exception, or a
   *     {@link WorkerDiedException}, {@link PoolTerminatedException} or
   *     {@link TaskSerializationException}. The iteration goes on with the next item.
   * @throws CancellationException if the thread is interrupted while waiting; the interrupt status
   *     is set again and the item keeps its place
   * @throws NoSuchElementException if there are no more results, or the iterator is closed
   * @throws RuntimeException as it was thrown, when reading the input failed, or the pool stopped
   *     running before the rest of the input could be submitted ({@link IllegalStateException});
   *     it comes after the results of the items read before it, and ends the iteration
   */
  @Override
  R next();

  /**
   * As {@link #next()}, waiting at most the given time (Python's {@code next(timeout)}). A timeout
   * only stops this wait: the item keeps its place and a later call returns it.
   *
   * @param timeout how long to wait at most, in {@code unit}s
   * @param unit the unit of {@code timeout}
   * @return the next result
   * @throws InterruptedException if this thread is interrupted while waiting; the item keeps its place
   * @throws TimeoutException if the next result is not ready in time
   */
  R next(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;

  /**
   * How far the call has come, now: items are counted as their chunk settles in a worker, whether
   * or not this iterator has handed them out yet (with {@code chunksize} above 1, a chunk's items
   * are counted together). The total is known from the start when the input is a
   * {@link java.util.Collection}, and otherwise once the input is exhausted (until then it is
   * {@link Progress#UNKNOWN}); after {@link #close()}, it is the number of items read. An item the
   * pool could not run (its chunk cancelled by {@code close()}, the pool terminated) counts as
   * failed. Once every result has been taken, {@code done + failed == total}. May be called from
   * any thread.
   *
   * @return a snapshot of the progress now
   */
  Progress progress();

  /**
   * Calls {@code listener} with the progress each time it changes, on the pool's callback thread
   * (never a transport's I/O thread, nor the consumer's), and once at once with the progress so
   * far. Changes that come faster than the listener runs are merged; the last call it gets is the
   * final progress, where {@code done + failed == total}. May be called from any thread.
   *
   * @param listener what to call with each new progress
   * @return this iterator
   */
  ResultIterator<R> onProgress(Consumer<? super Progress> listener);

  /**
   * A sequential stream of the remaining results; consuming it consumes this iterator, and closing
   * it closes this iterator. Failures surface as in {@link #next()}.
   *
   * @return a stream over the results still to come
   */
  default Stream<R> stream() {
    Spliterator<R> spliterator = Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED);
    return StreamSupport.stream(spliterator, false).onClose(this::close);
  }

  /**
   * Stops reading the input and submitting items; {@link #hasNext()} is false from now on. Items
   * already submitted still run, but their results are dropped. Idempotent.
   */
  @Override
  void close();
}
