package io.procpool.core.internal.pool;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.core.internal.events.Loggers;
import io.procpool.core.internal.wire.ExecutorTasks;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A pool seen as an {@link ExecutorService} ({@link Pool#asExecutorService()}): each task runs in a
 * worker, and the futures are the pool's {@link AsyncResult}s. Its life cycle is the pool's own:
 * shutting the view down shuts the pool down.
 */
final class PoolExecutorService implements ExecutorService {
  private static final System.Logger LOG = System.getLogger(Loggers.POOL);

  /** What the view asks of its pool beyond {@link Pool}. */
  interface PoolState {
    /** Whether the pool accepts tasks. */
    boolean running();

    /** Whether every task the pool accepted (through any view) has completed. */
    boolean allFinished();
  }

  private final Pool pool;
  private final PoolState state;
  /** Tasks submitted here and not complete, with what the user gave: shutdownNow's candidates. */
  private final Map<AsyncResult<?>, Runnable> unfinished = new ConcurrentHashMap<>();
  /** Submitters share it; shutdownNow takes it alone, so no task is accepted that it misses. */
  private final ReadWriteLock submitting = new ReentrantReadWriteLock();

  PoolExecutorService(Pool pool, PoolState state) {
    this.pool = pool;
    this.state = state;
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    return accept(task, () -> pool.applyAsync(ExecutorTasks.of(task)), new FutureTask<>(task));
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    Objects.requireNonNull(task, "task");
    return accept(task, () -> pool.applyAsync(ExecutorTasks.of(task, result)), task);
  }

  @Override
  public Future<?> submit(Runnable task) {
    Objects.requireNonNull(task, "task");
    return accept(task, () -> pool.applyAsync(ExecutorTasks.of(task)), task);
  }

  /** As {@link #submit(Runnable)}; nobody holds the future, so a failure is logged. */
  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command");
    accept(command, () -> pool.applyAsync(ExecutorTasks.of(command)), command).onFailure(error -> {
      if (!(error instanceof CancellationException)) { // cancelled by shutdownNow, which returned it
        LOG.log(System.Logger.Level.WARNING, "procpool: a task given to execute() failed: " + command, error);
      }
    });
  }

  private <T> AsyncResult<T> accept(Object task, Supplier<AsyncResult<T>> submit, Runnable original) {
    refuseUnserializableLambda(task);
    submitting.readLock().lock();
    try {
      AsyncResult<T> result;
      try {
        result = submit.get();
      } catch (IllegalStateException notRunning) {
        if (state.running()) {
          throw notRunning;
        }
        throw new RejectedExecutionException("The pool was shut down and accepts no new tasks", notRunning);
      }
      unfinished.put(result, original);
      asDefault(result).whenSettled(() -> unfinished.remove(result));
      return result;
    } finally {
      submitting.readLock().unlock();
    }
  }

  /** The pool's results are all DefaultAsyncResults: this view's pool is a DefaultPool. */
  private static DefaultAsyncResult<?> asDefault(AsyncResult<?> result) {
    return (DefaultAsyncResult<?>) result;
  }

  /**
   * A lambda travels only if it is serializable; found here, its class is named at once rather than
   * in a failed future. (An object of an ordinary class travels without being Serializable.)
   */
  private static void refuseUnserializableLambda(Object task) {
    Class<?> type = task.getClass();
    boolean lambda = type.isSynthetic() || type.getName().contains("$$Lambda");
    if (lambda && !(task instanceof Serializable)) {
      throw new RejectedExecutionException("The task " + type.getName() + " is a lambda that is not serializable,"
          + " so it cannot travel to a worker process: cast it, as in (Callable<T> & Serializable) () -> ...,"
          + " or pass an object of a named class");
    }
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
    List<Future<T>> futures = submitAll(tasks);
    try {
      for (Future<T> future : futures) {
        awaitQuietly(future);
      }
    } catch (InterruptedException e) {
      cancelAll(futures);
      throw e;
    }
    return futures;
  }

  /** Waits for every task or the time; the ones not complete by then are cancelled. */
  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    List<Future<T>> futures = submitAll(tasks);
    for (Future<T> future : futures) {
      try {
        future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | CancellationException e) {
        // kept in the future, for the caller
      } catch (TimeoutException e) {
        cancelAll(futures);
        break;
      } catch (InterruptedException e) {
        cancelAll(futures);
        throw e;
      }
    }
    return futures;
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
    try {
      return firstSuccess(tasks, Long.MAX_VALUE);
    } catch (TimeoutException e) {
      throw new AssertionError("an untimed wait timed out", e);
    }
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return firstSuccess(tasks, System.nanoTime() + unit.toNanos(timeout));
  }

  /** The value of the first task to succeed; the others are then cancelled. */
  private <T> T firstSuccess(Collection<? extends Callable<T>> tasks, long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (Objects.requireNonNull(tasks, "tasks").isEmpty()) {
      throw new IllegalArgumentException("invokeAny needs at least one task");
    }
    List<Future<T>> futures = submitAll(tasks);
    BlockingQueue<AsyncResult<T>> completed = new LinkedBlockingQueue<>();
    for (Future<T> future : futures) {
      AsyncResult<T> result = (AsyncResult<T>) future;
      asDefault(result).whenSettled(() -> completed.add(result)); // not via callbacks: invokeAny may run in one
    }
    try {
      ExecutionException last = null;
      for (int i = 0; i < futures.size(); i++) {
        AsyncResult<T> next = deadline == Long.MAX_VALUE ? completed.take()
            : completed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next == null) {
          throw new TimeoutException("No task of invokeAny succeeded in time");
        }
        try {
          return next.get();
        } catch (ExecutionException e) {
          last = e;
        } catch (CancellationException e) {
          last = new ExecutionException(e);
        }
      }
      throw last;
    } finally {
      cancelAll(futures);
    }
  }

  private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
    Objects.requireNonNull(tasks, "tasks");
    tasks.forEach(task -> Objects.requireNonNull(task, "a task in the collection is null"));
    List<Future<T>> futures = new ArrayList<>(tasks.size());
    try {
      for (Callable<T> task : tasks) {
        futures.add(submit(task));
      }
    } catch (RuntimeException rejected) {
      cancelAll(futures);
      throw rejected;
    }
    return futures;
  }

  /** Cancels those not complete; one running is stopped (its worker is replaced). */
  private static void cancelAll(List<? extends Future<?>> futures) {
    for (Future<?> future : futures) {
      if (!future.isDone()) {
        future.cancel(true);
      }
    }
  }

  private static void awaitQuietly(Future<?> future) throws InterruptedException {
    try {
      future.get();
    } catch (ExecutionException | CancellationException e) {
      // kept in the future, for the caller of invokeAll
    }
  }

  /** The pool's {@link Pool#shutdown()}: accepted tasks still run. */
  @Override
  public void shutdown() {
    pool.shutdown();
  }

  /**
   * Shuts the pool down, cancels the tasks submitted here that have not begun and returns them
   * (a {@link FutureTask} for a {@code Callable}), then terminates the pool, which stops the
   * running ones.
   */
  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> neverStarted = new ArrayList<>();
    submitting.writeLock().lock();
    try {
      pool.shutdown();
      for (Map.Entry<AsyncResult<?>, Runnable> entry : unfinished.entrySet()) {
        if (entry.getKey().cancel(false)) { // true only if the task will never run
          neverStarted.add(entry.getValue());
        }
      }
    } finally {
      submitting.writeLock().unlock();
    }
    pool.terminate();
    return neverStarted;
  }

  @Override
  public boolean isShutdown() {
    return !state.running();
  }

  /** Shut down, and every task the pool accepted has completed. */
  @Override
  public boolean isTerminated() {
    return isShutdown() && state.allFinished();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!isTerminated()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // polled: termination is two conditions of two objects, and this wait is rare
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
    }
    return true;
  }

  /**
   * The pool's {@link Pool#close()}: shuts down and waits for every task and worker, as Java 19's
   * {@code ExecutorService.close()} does (on 19 and later this is that method).
   */
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "ExecutorService view of " + pool;
  }
}
