package io.procpool.core.internal.pool;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.procpool.AsyncResult;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.PoolStats;
import io.procpool.Shared;
import io.procpool.ResultIterator;
import io.procpool.Task;
import io.procpool.TaskBiFunction;
import io.procpool.TaskFunction;
import io.procpool.VoidTask;
import io.procpool.core.internal.events.PoolLife;
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
import io.procpool.core.internal.wire.SharedHandle;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLauncher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * The pool users get: the {@link Pool} methods, on top of the scheduler and the worker group.
 * {@link #withTaskTimeout} gives another instance over the same scheduler, workers and task ids,
 * whose tasks carry their own timeout.
 * Nothing of the pool's machinery (threads, exit hook, results' futures) refers to this object,
 * so one that nobody closed can become unreachable, and then {@link UnclosedPool} terminates its
 * workers; while it has accepted work to finish, {@link AcceptedWork} holds it.
 */
public final class DefaultPool implements Pool {
  private final WorkerGroup workers;
  private final Scheduler scheduler;
  /** Whether a caller waiting for a result spins before it parks: one for the pool and its views. */
  private final SpinBeforePark spin;
  private final TaskFactory tasks;
  private final Callbacks callbacks;
  private final AcceptedWork accepted;
  private final int size;
  /** How long each task submitted through this instance may run; null: the pool's taskTimeout. */
  private final Duration taskTimeout;
  private final UnclosedPool unclosed;
  /** The pool this is a view of, or this one: a view keeps it reachable, so its Cleaner waits. */
  private final DefaultPool root;

  private DefaultPool(PoolSettings settings, Transport transport, WorkerLauncher launcher, String builtAt,
                      EarlyWorkers early) {
    this.size = settings.workers();
    this.tasks = new TaskFactory(settings.exceptionFilter());
    this.callbacks = new Callbacks(settings.listener());
    this.accepted = new AcceptedWork(callbacks);
    this.workers = new WorkerGroup(settings, transport, launcher, callbacks, new DaemonPoolTimer(), early);
    this.scheduler = workers.scheduler();
    this.spin = new SpinBeforePark(scheduler::unfinishedTasks);
    this.unclosed = UnclosedPool.watch(this, workers, builtAt);
    this.taskTimeout = null;
    this.root = this;
  }

  /** A view of {@code pool} whose tasks may run for {@code taskTimeout}. */
  private DefaultPool(DefaultPool pool, Duration taskTimeout) {
    this.size = pool.size;
    this.callbacks = pool.callbacks;
    this.accepted = pool.accepted;
    this.workers = pool.workers;
    this.scheduler = pool.scheduler;
    this.spin = pool.spin;
    this.tasks = pool.tasks;
    this.unclosed = pool.unclosed;
    this.taskTimeout = taskTimeout;
    this.root = pool.root;
  }

  /**
   * Wires the transport with Guice and starts the workers; where the transport's module allows
   * it, the first workers are launched before the injector is built ({@link EarlyWorkers}), and
   * are stopped if it cannot be.
   */
  public static Pool start(PoolSettings settings, Module transportModule) {
    long startNanos = System.nanoTime();
    String builtAt = BuildSite.ofCaller();
    EarlyWorkers early = EarlyWorkers.launch(settings, transportModule);
    Transport transport;
    DefaultPool pool;
    try {
      Injector injector = Guice.createInjector(Modules.override(new CoreModule()).with(transportModule));
      transport = injector.getInstance(Transport.class);
      WorkerLauncher launcher = injector.getInstance(WorkerLauncher.class);
      early = early.keptFor(launcher);
      pool = new DefaultPool(settings, transport, launcher, builtAt, early);
    } catch (ProvisionException e) {
      early.abandon(); // the pool never had them: no worker outlives a build that failed
      throw unwrapped(e);
    } catch (RuntimeException | Error e) {
      early.abandon();
      throw e;
    }
    try {
      pool.workers.startAll();
    } catch (RuntimeException e) {
      pool.unclosed.done(); // it terminated itself: the user never had it to close
      throw e;
    }
    PoolLife.built(settings.workers(), transport.getClass().getSimpleName(), startNanos);
    return pool;
  }

  /**
   * A transport module's own failure (a provider that throws, such as a cluster launcher that
   * cannot reach its cluster) as itself, rather than inside Guice's report of where it happened,
   * which names Guice's classes and not the problem; the report stays attached, suppressed.
   */
  private static RuntimeException unwrapped(ProvisionException provision) {
    if (provision.getErrorMessages().size() == 1 && provision.getCause() instanceof RuntimeException cause) {
      cause.addSuppressed(provision);
      return cause;
    }
    return provision;
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
    ItemProgress progress = ItemProgress.of(callbacks, items.size());
    List<PendingTask> chunks = MapChunks.tasks(tasks, function, items, chunksize);
    submitAll(chunks);
    return new DefaultAsyncResult<>(MapChunks.join(chunks, progress), callbacks, cancellerOf(chunks), spin,
        progress);
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
    ItemProgress progress = ItemProgress.of(callbacks, ChunkedInput.sizeIfKnown(items));
    ItemChunks chunks = ItemChunks.of(tasks, function);
    ChunkedInput input = new ChunkedInput(Objects.requireNonNull(items, "items").iterator(), chunksize);
    return LazyResultIterator.start(input, chunks, order, this::submitAll, task -> scheduler.cancel(task, false),
        LazyResultIterator.window(size, chunksize), progress);
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
    ItemProgress progress = ItemProgress.of(callbacks, items.size());
    List<ItemChunk> chunks = ItemChunks.of(tasks, function).split(items, chunksize);
    List<PendingTask> pending = ItemChunks.tasksOf(chunks);
    ItemChunks.countInto(chunks, progress);
    submitAll(pending);
    ItemChunks.accepted(chunks);
    return new DefaultAsyncResult<>(ItemChunks.join(chunks), callbacks, cancellerOf(pending), spin, progress);
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

  /**
   * Cancels the tasks of one result; true if any was cancelled. It refers to the scheduler, not to
   * this pool: results a program keeps must not keep a pool it forgot from being cleaned up.
   */
  private DefaultAsyncResult.Canceller cancellerOf(List<PendingTask> tasks) {
    Scheduler scheduler = this.scheduler;
    return mayInterruptIfRunning -> {
      boolean any = false;
      for (PendingTask task : tasks) {
        any |= scheduler.cancel(task, mayInterruptIfRunning);
      }
      return any;
    };
  }

  @SuppressWarnings("unchecked")
  private <R> AsyncResult<R> submit(Invocation invocation) {
    PendingTask task = tasks.create(invocation);
    submitAll(List.of(task));
    return new DefaultAsyncResult<>((CompletableFuture<R>) (CompletableFuture<?>) task.result, callbacks,
        cancellerOf(List.of(task)), spin);
  }

  /** Hands tasks to the scheduler, counted as accepted work until they complete. */
  private void submitAll(List<PendingTask> batch) {
    accepted.accept(batch, this);
    try {
      scheduler.submit(batch, taskTimeout);
    } catch (RuntimeException notAccepted) {
      batch.forEach(task -> task.result.completeExceptionally(notAccepted)); // uncounts them
      throw notAccepted;
    }
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
  public ExecutorService asExecutorService() {
    Scheduler scheduler = this.scheduler;
    AcceptedWork accepted = this.accepted;
    return new PoolExecutorService(this, new PoolExecutorService.PoolState() {
      @Override
      public boolean running() {
        return scheduler.running();
      }

      @Override
      public boolean allFinished() {
        return accepted.allFinished();
      }
    });
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public <T> Shared<T> share(T value) {
    return SharedHandle.of(value);
  }

  @Override
  public PoolStats stats() {
    return scheduler.stats();
  }

  @Override
  public void shutdown() {
    unclosed.stopped();
    scheduler.shutdown();
  }

  @Override
  public void terminate() {
    unclosed.stopped();
    workers.terminateAndAwait();
    finished();
  }

  @Override
  public void join() throws InterruptedException {
    scheduler.awaitNoWorkers();
    workers.awaitExit();
    finished();
  }

  private void finished() {
    accepted.release();
    unclosed.done();
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
