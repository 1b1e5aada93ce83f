package io.procpool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * A pool of reused worker processes, as Python's {@code multiprocessing.Pool}.
 *
 * <p>Create one with {@code io.procpool.core.ProcessPool.create(n)} (module {@code pool-core}) and
 * close it with try-with-resources. Tasks are lambdas or method references; they, their
 * arguments and their results are serialized between this process and the workers.
 *
 * <p>Life cycle: a pool is <em>running</em> until {@link #shutdown()} (Python's {@code close()}),
 * {@link #close()} or {@link #terminate()}. After that it rejects new tasks with an
 * {@link IllegalStateException}. All methods are safe to call from any thread.
 *
 * <p>A pool that is never closed: while it has accepted tasks that have not finished, a
 * non-daemon thread keeps this JVM alive (as an {@code ExecutorService}'s threads do), so the
 * tasks and their callbacks run even after {@code main} returns. Once it has none and nothing
 * refers to it any more, the garbage collector's cleanup terminates its workers and logs a
 * warning naming where it was built. When this JVM exits ({@code System.exit}, a signal), every
 * pool stops (no worker is replaced) and its workers are killed; tasks not finished by then are
 * dropped, and a warning says how many.
 */
public interface Pool extends AutoCloseable {

  /**
   * Runs the task in a worker and waits for its value.
   *
   * @param <R> the type of the task's value
   * @param task the task; it is serialized, with what it captures, and sent to a worker
   * @return the task's value, deserialized in this process
   * @throws ExecutionException if the task failed; its cause is as for {@link AsyncResult#get()}
   * @throws InterruptedException if this thread is interrupted while waiting; the task still runs
   */
  <R> R apply(Task<R> task) throws ExecutionException, InterruptedException;

  /**
   * Runs the task in a worker and waits until it has run.
   *
   * @param task the task; it is serialized, with what it captures, and sent to a worker
   * @throws ExecutionException if the task failed; its cause is as for {@link AsyncResult#get()}
   * @throws InterruptedException if this thread is interrupted while waiting; the task still runs
   */
  void apply(VoidTask task) throws ExecutionException, InterruptedException;

  /**
   * Applies {@code function} to {@code argument} in a worker and waits for the value.
   *
   * @param <T> the type of the argument
   * @param <R> the type of the value
   * @param function the function, typically a method reference such as {@code Work::price}
   * @param argument the argument, serialized and sent with the function; may be {@code null}
   * @return the function's value, deserialized in this process
   * @throws ExecutionException if the call failed; its cause is as for {@link AsyncResult#get()}
   * @throws InterruptedException if this thread is interrupted while waiting; the task still runs
   */
  <T, R> R apply(TaskFunction<T, R> function, T argument) throws ExecutionException, InterruptedException;

  /**
   * Queues the task and returns at once.
   *
   * @param <R> the type of the task's value
   * @param task the task; it is serialized, with what it captures, and sent to a worker
   * @return the pending result, which also reports a task that cannot be serialized
   */
  <R> AsyncResult<R> applyAsync(Task<R> task);

  /**
   * Queues the task and returns at once.
   *
   * @param task the task; it is serialized, with what it captures, and sent to a worker
   * @return the pending result, whose value is {@code null} once the task has run
   */
  AsyncResult<Void> applyAsync(VoidTask task);

  /**
   * Queues {@code function(argument)} and returns at once.
   *
   * @param <T> the type of the argument
   * @param <R> the type of the value
   * @param function the function, typically a method reference
   * @param argument the argument, serialized and sent with the function; may be {@code null}
   * @return the pending result of the call
   */
  <T, R> AsyncResult<R> applyAsync(TaskFunction<T, R> function, T argument);

  /**
   * Applies the function to every item, in chunks spread over the workers, and returns the values
   * in the order of the items. The chunk size is Python's default: items / (4 × workers), rounded up.
   *
   * <p>The list is new and fixed-size, as {@link java.util.Arrays#asList}: {@code set} and
   * {@code sort} work, {@code add} and {@code remove} throw; copy it into an {@code ArrayList} to
   * grow it. (It is kept in blocks rather than one large array, which the JVM's default collector
   * handles badly.) The same holds for {@code starmap} and {@code mapOutcomes}. A random-access
   * input list is read, not copied, before this method returns.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items; each is serialized and sent to a worker, a chunk at a time
   * @return the values, one per item, in the order of the items
   * @throws ExecutionException with the first failing item's exception as cause
   * @throws InterruptedException if this thread is interrupted while waiting; the tasks still run
   */
  <T, R> List<R> map(TaskFunction<T, R> function, Iterable<? extends T> items)
      throws ExecutionException, InterruptedException;

  /**
   * As {@link #map(TaskFunction, Iterable)} with the given number of items per task.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items
   * @param chunksize how many items travel to a worker as one task: larger chunks cost fewer
   *     round trips, smaller ones spread uneven work better
   * @return the values, one per item, in the order of the items
   * @throws ExecutionException with the first failing item's exception as cause
   * @throws InterruptedException if this thread is interrupted while waiting; the tasks still run
   */
  <T, R> List<R> map(TaskFunction<T, R> function, Iterable<? extends T> items, int chunksize)
      throws ExecutionException, InterruptedException;

  /**
   * As {@link #map(TaskFunction, Iterable)}, returning at once.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items
   * @return the pending list of values; it fails with the first failing item's exception
   */
  <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> function, Iterable<? extends T> items);

  /**
   * As {@link #map(TaskFunction, Iterable, int)}, returning at once.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items
   * @param chunksize how many items travel to a worker as one task
   * @return the pending list of values; it fails with the first failing item's exception
   */
  <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> function, Iterable<? extends T> items, int chunksize);

  /**
   * Applies the function to the items lazily and returns the results, in the order of the items,
   * as they come (Python's {@code imap}), one item per task.
   *
   * <p>Unlike Python's, it reads the items only as the results are taken: at most 16 chunks or
   * 256 items per worker (whichever is more) are submitted and not yet taken at any time, so an
   * endless or huge input works in bounded memory. The input is read only on the thread that calls this
   * method and the iterator's {@code hasNext} and {@code next}, so it need not be thread-safe; an
   * {@link java.util.Iterator} or a {@link java.util.stream.Stream} is passed as
   * {@code () -> iterator} or {@code stream::iterator}. The pool must stay running while the
   * iterator still has input to submit.
   *
   * <p>Each item's failure is its own: see {@link ResultIterator#next()}.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items, read lazily as the results are taken
   * @return an iterator over the values in the order of the items; close it to stop early
   * @throws IllegalStateException if the pool is not running
   * @throws TaskSerializationException if the function cannot be serialized
   */
  <T, R> ResultIterator<R> imap(TaskFunction<T, R> function, Iterable<? extends T> items);

  /**
   * As {@link #imap(TaskFunction, Iterable)} with {@code chunksize} items per task.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items, read lazily as the results are taken
   * @param chunksize how many items travel to a worker as one task
   * @return an iterator over the values in the order of the items; close it to stop early
   * @throws IllegalArgumentException if {@code chunksize} is less than 1
   */
  <T, R> ResultIterator<R> imap(TaskFunction<T, R> function, Iterable<? extends T> items, int chunksize);

  /**
   * As {@link #imap(TaskFunction, Iterable)}, but the results come in the order they complete
   * (Python's {@code imap_unordered}); the items of one chunk stay together, in order.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items, read lazily as the results are taken
   * @return an iterator over the values in the order they complete; close it to stop early
   */
  <T, R> ResultIterator<R> imapUnordered(TaskFunction<T, R> function, Iterable<? extends T> items);

  /**
   * As {@link #imapUnordered(TaskFunction, Iterable)} with {@code chunksize} items per task.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items, read lazily as the results are taken
   * @param chunksize how many items travel to a worker as one task
   * @return an iterator over the values in the order their chunks complete; close it to stop early
   * @throws IllegalArgumentException if {@code chunksize} is less than 1
   */
  <T, R> ResultIterator<R> imapUnordered(TaskFunction<T, R> function, Iterable<? extends T> items, int chunksize);

  /**
   * Applies a two-argument function to each pair, as Python's {@code starmap}:
   * {@code pool.starmap(Math::max, List.of(Map.entry(1, 2), Map.entry(5, 3)))} is {@code [2, 5]}.
   * Otherwise as {@link #map(TaskFunction, Iterable)}. For more arguments, put them in a record
   * and use {@code map}: {@code pool.map(Work::price, List.of(new Order(item, qty, rate)))}.
   *
   * @param <A> the type of the first arguments
   * @param <B> the type of the second arguments
   * @param <R> the type of the values
   * @param function the two-argument function applied to each pair's key and value
   * @param pairs the pairs, for example {@code Map.entry(a, b)} or a map's {@code entrySet()}
   * @return the values, one per pair, in the order of the pairs
   * @throws NullPointerException if a pair is {@code null} (its key and value may be)
   * @throws ExecutionException with the first failing pair's exception as cause
   * @throws InterruptedException if this thread is interrupted while waiting; the tasks still run
   */
  <A, B, R> List<R> starmap(TaskBiFunction<A, B, R> function,
                            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
      throws ExecutionException, InterruptedException;

  /**
   * As {@link #starmap(TaskBiFunction, Iterable)} with the given number of pairs per task.
   *
   * @param <A> the type of the first arguments
   * @param <B> the type of the second arguments
   * @param <R> the type of the values
   * @param function the two-argument function applied to each pair's key and value
   * @param pairs the pairs
   * @param chunksize how many pairs travel to a worker as one task
   * @return the values, one per pair, in the order of the pairs
   * @throws ExecutionException with the first failing pair's exception as cause
   * @throws InterruptedException if this thread is interrupted while waiting; the tasks still run
   */
  <A, B, R> List<R> starmap(TaskBiFunction<A, B, R> function,
                            Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize)
      throws ExecutionException, InterruptedException;

  /**
   * As {@link #starmap(TaskBiFunction, Iterable)}, returning at once.
   *
   * @param <A> the type of the first arguments
   * @param <B> the type of the second arguments
   * @param <R> the type of the values
   * @param function the two-argument function applied to each pair's key and value
   * @param pairs the pairs
   * @return the pending list of values; it fails with the first failing pair's exception
   */
  <A, B, R> AsyncResult<List<R>> starmapAsync(TaskBiFunction<A, B, R> function,
                                              Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs);

  /**
   * As {@link #starmap(TaskBiFunction, Iterable, int)}, returning at once.
   *
   * @param <A> the type of the first arguments
   * @param <B> the type of the second arguments
   * @param <R> the type of the values
   * @param function the two-argument function applied to each pair's key and value
   * @param pairs the pairs
   * @param chunksize how many pairs travel to a worker as one task
   * @return the pending list of values; it fails with the first failing pair's exception
   */
  <A, B, R> AsyncResult<List<R>> starmapAsync(TaskBiFunction<A, B, R> function,
                                              Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs,
                                              int chunksize);

  /**
   * As {@link #map(TaskFunction, Iterable)}, but a failed item does not fail the map: every item
   * runs, and the list holds each item's {@link Outcome}, in the order of the items (CPython
   * gh-108518). Each item keeps its own exception, even within a chunk. If a worker dies while
   * running a chunk, each item of that chunk fails with the {@link WorkerDiedException}; other
   * chunks are not affected.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items
   * @return one outcome per item, in the order of the items
   * @throws TaskSerializationException if the function cannot be serialized
   * @throws InterruptedException if this thread is interrupted while waiting; the tasks still run
   */
  <T, R> List<Outcome<R>> mapOutcomes(TaskFunction<T, R> function, Iterable<? extends T> items)
      throws InterruptedException;

  /**
   * As {@link #mapOutcomes(TaskFunction, Iterable)} with the given number of items per task.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items
   * @param chunksize how many items travel to a worker as one task; each still has its own outcome
   * @return one outcome per item, in the order of the items
   * @throws InterruptedException if this thread is interrupted while waiting; the tasks still run
   */
  <T, R> List<Outcome<R>> mapOutcomes(TaskFunction<T, R> function, Iterable<? extends T> items, int chunksize)
      throws InterruptedException;

  /**
   * As {@link #mapOutcomes(TaskFunction, Iterable)}, returning at once. The result is always
   * successful once ready: failures are in the outcomes.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items
   * @return the pending list of outcomes, one per item, in the order of the items
   */
  <T, R> AsyncResult<List<Outcome<R>>> mapOutcomesAsync(TaskFunction<T, R> function, Iterable<? extends T> items);

  /**
   * As {@link #mapOutcomes(TaskFunction, Iterable, int)}, returning at once.
   *
   * @param <T> the type of the items
   * @param <R> the type of the values
   * @param function the function applied to each item
   * @param items the items
   * @param chunksize how many items travel to a worker as one task; each still has its own outcome
   * @return the pending list of outcomes, one per item, in the order of the items
   */
  <T, R> AsyncResult<List<Outcome<R>>> mapOutcomesAsync(TaskFunction<T, R> function, Iterable<? extends T> items,
                                                        int chunksize);

  /**
   * This pool, with a hard timeout on the tasks submitted through the returned view, as grpc's
   * {@code stub.withDeadlineAfter}: {@code pool.withTaskTimeout(Duration.ofSeconds(10)).apply(task)}.
   * A task that runs longer is stopped as the pool-wide {@code taskTimeout} stops one: its worker
   * is killed and replaced, and its result fails with a {@link TaskTimeoutException}. The clock
   * starts when the task starts in its worker, not while it waits in the queue. This timeout
   * takes the place of the pool-wide one for these tasks, longer or shorter; tasks submitted
   * through the pool itself, or another view, keep theirs.
   *
   * <p>For {@code map}, {@code starmap}, {@code mapOutcomes}, {@code imap} and
   * {@code imapUnordered} (and their async forms) the timeout applies to each chunk, as a chunk is
   * one task in one worker: with {@code chunksize} 1 it is a timeout per item. A chunk that
   * overruns fails {@code map} as any failed chunk does, and in {@code mapOutcomes} and the
   * iterators each of its items fails with the {@link TaskTimeoutException}.
   *
   * <p>The view is the same pool, not a new one: it has the same workers and {@link #size()}, and
   * its {@link #shutdown()}, {@link #terminate()}, {@link #join()} and {@link #close()} act on the
   * whole pool. Calling this on a view replaces the view's timeout. Cheap: no thread or worker
   * is made.
   *
   * @param timeout how long each task (or chunk) submitted through the view may run in its worker
   * @return a view of this pool whose tasks have that timeout
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   * @throws NullPointerException if {@code timeout} is null
   */
  Pool withTaskTimeout(Duration timeout);

  /**
   * This pool as an {@link ExecutorService}, for code written against one: each
   * {@code Callable} or {@code Runnable} runs in a worker, and the returned futures are
   * {@link AsyncResult}s. Cheap: no thread or worker is made.
   *
   * <p>A task travels to its worker as any task does, so it must be serializable: a lambda must
   * be a serializable one ({@code (Callable<Integer> & Serializable) () -> 6 * 7}), or an object
   * of a named class, whose fields travel (it need not implement {@code Serializable}). A lambda
   * that is not serializable is refused at once with a {@link
   * java.util.concurrent.RejectedExecutionException} naming its class; any other value that
   * cannot be serialized fails the task's future with a {@link TaskSerializationException}, as for
   * {@link #applyAsync(Task)}. A task submitted after shutdown is refused with a
   * {@code RejectedExecutionException}, not the pool's {@link IllegalStateException}.
   *
   * <p>The view's life cycle is the pool's: its {@code shutdown()} is {@link #shutdown()};
   * {@code shutdownNow()} shuts the pool down, cancels the tasks submitted through the view that
   * have not begun and returns them ({@code Callable}s as {@link java.util.concurrent.FutureTask}s),
   * then {@link #terminate()}s the pool, which stops the running ones; {@code isTerminated()}
   * means shut down with every task the pool accepted complete; {@code close()} (Java 19's
   * {@code ExecutorService.close()}, so on 17 call the pool's) is {@link #close()}.
   * {@code invokeAll} with a timeout, and {@code invokeAny} once a task has succeeded, cancel the
   * unfinished tasks, stopping the running ones as {@code cancel(true)} does: their workers are
   * replaced. {@code execute} logs a task's failure, as nobody holds its future.
   *
   * @return an executor service that runs its tasks in this pool's workers
   */
  ExecutorService asExecutorService();

  /**
   * A handle on {@code value} for tasks to capture or take as their argument: the value is
   * serialized now, once, and sent to each worker once, however many tasks use it. For a large
   * value (a lookup table, a model) that many {@code apply} calls read.
   *
   * @param value the value, serialized now: later changes to it are not seen
   * @param <T> the value's type
   * @return the handle, to capture in tasks or pass to them
   * @throws TaskSerializationException if the value cannot be serialized, naming its type
   * @throws NullPointerException if {@code value} is null
   */
  <T> Shared<T> share(T value);

  /** {@return the number of worker processes the pool keeps} */
  int size();

  /**
   * A snapshot of the pool now: workers alive, started, died and retired; the queue; tasks in
   * flight, done and failed; per-worker counts; and percentiles of queue wait and run time.
   * Cheap enough to call every second; safe from any thread, also after the pool has ended.
   *
   * @return the snapshot, which does not change as the pool goes on
   */
  PoolStats stats();

  /**
   * Stops accepting tasks (Python's {@code close()}); tasks already accepted still run, then the
   * workers exit. Returns at once. Idempotent.
   */
  void shutdown();

  /**
   * Stops the workers now (Python's {@code terminate()}). Every unfinished result fails with a
   * {@link PoolTerminatedException}. Returns once the worker processes are gone. Idempotent.
   */
  void terminate();

  /**
   * Waits for the worker processes to exit after {@link #shutdown()} or {@link #terminate()}.
   *
   * @throws IllegalStateException if the pool is still running, as Python's {@code join()}
   * @throws InterruptedException if this thread is interrupted while waiting; the workers go on exiting
   */
  void join() throws InterruptedException;

  /**
   * {@link #shutdown()} then {@link #join()}: every accepted task completes and no worker process
   * remains when this returns. Python's {@code close(); join()} in one call, for try-with-resources.
   */
  @Override
  void close();
}
