package io.procpool.core.internal.pool;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.procpool.AsyncResult;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.Task;
import io.procpool.TaskBiFunction;
import io.procpool.TaskFunction;
import io.procpool.VoidTask;
import io.procpool.core.internal.map.ChunkOrder;
import io.procpool.core.internal.map.ChunkedInput;
import io.procpool.core.internal.map.ItemChunk;
import io.procpool.core.internal.map.ItemChunks;
import io.procpool.core.internal.map.LazyResultIterator;
import io.procpool.core.internal.map.MapChunks;
import io.procpool.core.internal.map.StarmapPairs;
import io.procpool.core.internal.wire.Invocations.Apply;
import io.procpool.core.internal.wire.Invocations.Call;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.Invocations.Run;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLauncher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The pool users get: the {@link Pool} methods, on top of the scheduler and the worker group.
 * {@link #withTaskTimeout} gives another instance over the same scheduler, workers and task ids,
 * whose tasks carry their own timeout.
 */
public final class DefaultPool implements Pool {
  private final WorkerGroup workers;
  private final Scheduler scheduler;
  private final TaskFactory tasks;
  private final Callbacks callbacks;
  private final int size;
  /** How long each task submitted through this instance may run; null: the pool's taskTimeout. */
  private final Duration taskTimeout;

  private DefaultPool(PoolSettings settings, Transport transport, WorkerLauncher launcher) {
    this.size = settings.workers();
    this.tasks = new TaskFactory(settings.exceptionFilter());
    this.callbacks = new Callbacks(settings.listener());
    this.workers = new WorkerGroup(settings, transport, launcher, callbacks, new DaemonPoolTimer());
    this.scheduler = workers.scheduler();
    this.taskTimeout = null;
  }

  /** A view of {@code pool} whose tasks may run for {@code taskTimeout}. */
  private DefaultPool(DefaultPool pool, Duration taskTimeout) {
    this.size = pool.size;
    this.callbacks = pool.callbacks;
    this.workers = pool.workers;
    this.scheduler = pool.scheduler;
    this.tasks = pool.tasks;
    this.taskTimeout = taskTimeout;
  }

  /** Wires the transport with Guice and starts the workers. */
  public static Pool start(PoolSettings settings, Module transportModule) {
    Injector injector = Guice.createInjector(Modules.override(new CoreModule()).with(transportModule));
    DefaultPool pool = new DefaultPool(settings,
        injector.getInstance(Transport.class), injector.getInstance(WorkerLauncher.class));
    pool.workers.startAll();
    return pool;
  }

  @Override
  public <R> R apply(Task<R> task) throws ExecutionException, InterruptedException {
    return applyAsync(task).get();
  }

  @Override
  public void apply(VoidTask task) throws ExecutionException, InterruptedException {
    applyAsync(task).get();
  }

  @Override
  public <T, R> R apply(TaskFunction<T, R> function, T argument) throws ExecutionException, InterruptedException {
    return applyAsync(function, argument).get();
  }

  @Override
  public <R> AsyncResult<R> applyAsync(Task<R> task) {
    return submit(new Call(Objects.requireNonNull(task, "task")));
  }

  @Override
  public AsyncResult<Void> applyAsync(VoidTask task) {
    return submit(new Run(Objects.requireNonNull(task, "task")));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T, R> AsyncResult<R> applyAsync(TaskFunction<T, R> function, T argument) {
    Objects.requireNonNull(function, "function");
    return submit(new Apply((TaskFunction<Object, ?>) function, argument));
  }

  @Override
  public <T, R> List<R> map(TaskFunction<T, R> function, Iterable<? extends T> items)
      throws ExecutionException, InterruptedException {
    return mapAsync(function, items).get();
  }

  @Override
  public <T, R> List<R> map(TaskFunction<T, R> function, Iterable<? extends T> items, int chunksize)
      throws ExecutionException, InterruptedException {
    return mapAsync(function, items, chunksize).get();
  }

  @Override
  public <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> function, Iterable<? extends T> items) {
    List<? extends T> list = MapChunks.toList(items);
    return mapList(function, list, MapChunks.defaultChunksize(list.size(), size));
  }

  @Override
  public <T, R> AsyncResult<List<R>> mapAsync(TaskFunction<T, R> function, Iterable<? extends T> items,
                                               int chunksize) {
    checkChunksize(chunksize);
    return mapList(function, MapChunks.toList(items), chunksize);
  }

  private <T, R> AsyncResult<List<R>> mapList(TaskFunction<T, R> function, List<? extends T> items, int chunksize) {
    Objects.requireNonNull(function, "function");
    List<PendingTask> chunks = MapChunks.tasks(tasks, function, items, chunksize);
    scheduler.submit(chunks, taskTimeout);
    return new DefaultAsyncResult<>(MapChunks.join(chunks), callbacks, interrupt -> cancelAll(chunks, interrupt));
  }

  @Override
  public <T, R> ResultIterator<R> imap(TaskFunction<T, R> function, Iterable<? extends T> items) {
    return imap(function, items, 1);
  }

  @Override
  public <T, R> ResultIterator<R> imap(TaskFunction<T, R> function, Iterable<? extends T> items, int chunksize) {
    return iterate(function, items, chunksize, ChunkOrder.ofInput());
  }

  @Override
  public <T, R> ResultIterator<R> imapUnordered(TaskFunction<T, R> function, Iterable<? extends T> items) {
    return imapUnordered(function, items, 1);
  }

  @Override
  public <T, R> ResultIterator<R> imapUnordered(TaskFunction<T, R> function, Iterable<? extends T> items,
                                                int chunksize) {
    return iterate(function, items, chunksize, ChunkOrder.ofCompletion());
  }

  private <R> ResultIterator<R> iterate(TaskFunction<?, R> function, Iterable<?> items, int chunksize,
                                        ChunkOrder order) {
    checkChunksize(chunksize);
    ItemChunks chunks = ItemChunks.of(tasks, function);
    ChunkedInput input = new ChunkedInput(Objects.requireNonNull(items, "items").iterator(), chunksize);
    return LazyResultIterator.start(input, chunks, order, batch -> scheduler.submit(batch, taskTimeout),
        task -> scheduler.cancel(task, false),
        LazyResultIterator.window(size, chunksize));
  }

  @Override
  public <A, B, R> List<R> starmap(TaskBiFunction<A, B, R> function,
                                   Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs)
      throws ExecutionException, InterruptedException {
    return starmapAsync(function, pairs).get();
  }

  @Override
  public <A, B, R> List<R> starmap(TaskBiFunction<A, B, R> function,
                                   Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs, int chunksize)
      throws ExecutionException, InterruptedException {
    return starmapAsync(function, pairs, chunksize).get();
  }

  @Override
  public <A, B, R> AsyncResult<List<R>> starmapAsync(TaskBiFunction<A, B, R> function,
                                                     Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs) {
    TaskFunction<StarmapPairs.Pair, R> spread = StarmapPairs.spread(function);
    List<StarmapPairs.Pair> list = StarmapPairs.toPairs(pairs);
    return mapList(spread, list, MapChunks.defaultChunksize(list.size(), size));
  }

  @Override
  public <A, B, R> AsyncResult<List<R>> starmapAsync(TaskBiFunction<A, B, R> function,
                                                     Iterable<? extends Map.Entry<? extends A, ? extends B>> pairs,
                                                     int chunksize) {
    checkChunksize(chunksize);
    return mapList(StarmapPairs.spread(function), StarmapPairs.toPairs(pairs), chunksize);
  }

  @Override
  public <T, R> List<Outcome<R>> mapOutcomes(TaskFunction<T, R> function, Iterable<? extends T> items)
      throws InterruptedException {
    return valueOf(mapOutcomesAsync(function, items));
  }

  @Override
  public <T, R> List<Outcome<R>> mapOutcomes(TaskFunction<T, R> function, Iterable<? extends T> items, int chunksize)
      throws InterruptedException {
    return valueOf(mapOutcomesAsync(function, items, chunksize));
  }

  @Override
  public <T, R> AsyncResult<List<Outcome<R>>> mapOutcomesAsync(TaskFunction<T, R> function,
                                                               Iterable<? extends T> items) {
    List<? extends T> list = MapChunks.toList(items);
    return outcomesOf(function, list, MapChunks.defaultChunksize(list.size(), size));
  }

  @Override
  public <T, R> AsyncResult<List<Outcome<R>>> mapOutcomesAsync(TaskFunction<T, R> function,
                                                               Iterable<? extends T> items, int chunksize) {
    checkChunksize(chunksize);
    return outcomesOf(function, MapChunks.toList(items), chunksize);
  }

  private <R> AsyncResult<List<Outcome<R>>> outcomesOf(TaskFunction<?, R> function, List<?> items, int chunksize) {
    List<ItemChunk> chunks = ItemChunks.of(tasks, function).split(items, chunksize);
    List<PendingTask> pending = ItemChunks.tasksOf(chunks);
    scheduler.submit(pending, taskTimeout);
    return new DefaultAsyncResult<>(ItemChunks.join(chunks), callbacks, interrupt -> cancelAll(pending, interrupt));
  }

  /** The value of a result that never fails (its failures are in its outcomes). */
  private static <V> V valueOf(AsyncResult<V> neverFails) throws InterruptedException {
    try {
      return neverFails.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("outcomes failed as a whole, which they never should", e);
    }
  }

  private static void checkChunksize(int chunksize) {
    if (chunksize < 1) {
      throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
    }
  }

  /** Cancels every task of a map; true if any was cancelled. */
  private boolean cancelAll(List<PendingTask> chunks, boolean mayInterruptIfRunning) {
    boolean any = false;
    for (PendingTask chunk : chunks) {
      any |= scheduler.cancel(chunk, mayInterruptIfRunning);
    }
    return any;
  }

  @SuppressWarnings("unchecked")
  private <R> AsyncResult<R> submit(Invocation invocation) {
    PendingTask task = tasks.create(invocation);
    scheduler.submit(List.of(task), taskTimeout);
    return new DefaultAsyncResult<>((CompletableFuture<R>) (CompletableFuture<?>) task.result, callbacks,
        interrupt -> scheduler.cancel(task, interrupt));
  }

  @Override
  public Pool withTaskTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("withTaskTimeout needs a positive timeout, was " + timeout);
    }
    return new DefaultPool(this, timeout);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void shutdown() {
    scheduler.shutdown();
  }

  @Override
  public void terminate() {
    scheduler.terminate();
    workers.awaitExitUninterruptibly();
  }

  @Override
  public void join() throws InterruptedException {
    scheduler.awaitNoWorkers();
    workers.awaitExit();
  }

  @Override
  public void close() {
    shutdown();
    try {
      join();
    } catch (InterruptedException e) {
      terminate(); // asked to stop waiting: stop the work instead of leaving processes behind
      Thread.currentThread().interrupt();
    }
  }
}
