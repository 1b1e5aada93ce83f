package io.procpool.core.internal.pool;

import io.procpool.PoolTerminatedException;
import io.procpool.TaskTimeoutException;
import io.procpool.WorkerDiedException;
import io.procpool.WorkerStartException;
import io.procpool.core.internal.wire.Wire;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Who runs what. Holds the queue of tasks no worker has yet, the live workers and the pool's
 * state; has the {@link Dispatcher} hand queued tasks to workers with room, retires workers that
 * did their share, stops tasks that overrun, and answers for a worker that died. One lock guards
 * it all; whatever calls out (frames, closes, futures, new workers) is collected in
 * {@link Effects} and done after.
 */
public final class Scheduler {
  private static final int MAX_START_FAILURES_IN_A_ROW = 3;

  enum State { RUNNING, SHUTDOWN, TERMINATED }

  /** Starts replacement workers. */
  interface WorkerStarter {
    void startWorker();
  }

  /** What the scheduler needs to know of the pool's settings. */
  record Rules(int maxTasksPerChild, Duration taskTimeout, byte[] initializer) {}

  private final Object lock = new Object();
  private final ArrayDeque<PendingTask> queue = new ArrayDeque<>();
  private final List<WorkerHandle> workers = new ArrayList<>();
  private final WorkerStarter starter;
  private final Rules rules;
  private final Callbacks callbacks;
  private final Dispatcher dispatcher;
  private State state = State.RUNNING;
  private int startFailuresInARow;
  private RuntimeException broken;

  Scheduler(WorkerStarter starter, Rules rules, Callbacks callbacks) {
    this.starter = starter;
    this.rules = rules;
    this.callbacks = callbacks;
    this.dispatcher = new Dispatcher(queue, workers, rules.maxTasksPerChild(), rules.initializer() == null,
        () -> state == State.RUNNING, this::headChanged);
  }

  /** Accepts tasks, in order. @throws IllegalStateException if the pool no longer runs */
  void submit(List<PendingTask> tasks) {
    Effects fx = new Effects();
    synchronized (lock) {
      if (state != State.RUNNING) {
        throw new IllegalStateException("Pool not running: it was "
            + (state == State.SHUTDOWN ? "shut down" : "terminated") + " and accepts no new tasks");
      }
      for (PendingTask task : tasks) {
        callbacks.submitted(task);
        callbacks.watch(task);
        if (task.result.isDone()) {
          continue; // failed before it could be sent (its value could not be serialized)
        }
        if (broken != null) {
          fx.fail(task, broken);
        } else {
          queue.addLast(task);
        }
      }
      dispatcher.dispatch(fx);
    }
    fx.run(starter);
  }

  /** Adds a worker that was just launched. Returns false if the pool was terminated meanwhile. */
  boolean register(WorkerHandle worker) {
    synchronized (lock) {
      if (state == State.TERMINATED) {
        return false;
      }
      workers.add(worker);
      return true;
    }
  }

  /** A replacement worker could not even be started; counts as a start failure. */
  void onLaunchFailed(String workerName, Exception failure) {
    Effects fx = new Effects();
    synchronized (lock) {
      startFailuresInARow++;
      if (state != State.TERMINATED && startFailuresInARow < MAX_START_FAILURES_IN_A_ROW) {
        fx.startReplacement();
      } else if (workers.isEmpty()) {
        breakPool(fx, new WorkerStartException("Cannot start worker " + workerName + ": "
            + failure.getMessage(), failure));
      }
      lock.notifyAll();
    }
    fx.run(starter);
  }

  void onReady(WorkerHandle worker) {
    Effects fx = new Effects();
    synchronized (lock) {
      worker.ready = true;
      startFailuresInARow = 0;
      if (rules.initializer() != null) {
        worker.enqueueInitializer(rules.initializer());
        fx.flush(worker);
      }
      dispatcher.dispatch(fx);
      retireIdleIfShutDown(fx);
    }
    fx.run(starter);
  }

  void onOutcome(WorkerHandle worker, long id, long nanos, byte kind, byte[] payload) {
    Effects fx = new Effects();
    PendingTask task;
    synchronized (lock) {
      task = worker.inFlight.pollFirst();
      if (task == null || task.id != id) {
        throw new IllegalStateException(worker + " answered task " + id + " but was running "
            + (task == null ? "nothing" : "task " + task.id));
      }
      if (kind != Wire.SKIPPED) {
        dispatcher.observe(nanos);
      }
      headChanged(worker);
      if (dispatcher.exhausted(worker) && worker.inFlight.isEmpty()) {
        worker.retiring = true; // did its share: leaves now; its replacement is on its way
        fx.close(worker);
      }
      dispatcher.dispatch(fx);
      retireIdleIfShutDown(fx);
    }
    fx.run(starter);
    if (kind != Wire.SKIPPED) {
      Outcomes.complete(task.result, kind == Wire.RESULT, payload);
    }
  }

  /** The initializer threw: no worker of this pool can be trusted to run tasks. */
  void onInitializerFailed(WorkerHandle worker, Throwable cause) {
    Effects fx = new Effects();
    synchronized (lock) {
      if (broken == null) {
        breakPool(fx, new WorkerStartException("The pool's initializer failed in " + worker.name
            + ", so the pool runs no tasks: " + cause, cause));
      }
      worker.inFlight.forEach(task -> fx.fail(task, broken));
      worker.inFlight.clear();
    }
    fx.run(starter);
  }

  void onClosed(WorkerHandle worker, Throwable reason) {
    Effects fx = new Effects();
    PendingTask lost;
    RuntimeException headFailure;
    synchronized (lock) {
      if (!workers.remove(worker)) {
        return;
      }
      lost = worker.inFlight.pollFirst();
      headFailure = worker.headFailure;
      for (PendingTask t; (t = worker.inFlight.pollLast()) != null; ) {
        queue.addFirst(t); // sent but never begun: they keep their place
      }
      if (!worker.ready && !worker.retiring && state == State.RUNNING) {
        startFailuresInARow++;
      }
      if (needsReplacement(worker)) {
        if (startFailuresInARow < MAX_START_FAILURES_IN_A_ROW) {
          fx.startReplacement();
        } else if (workers.isEmpty()) {
          breakPool(fx, new WorkerStartException(worker.name + " exited before it was ready, the "
              + startFailuresInARow + "th worker in a row: workers exit before they are ready, so the"
              + " pool runs no tasks; check the worker JVM options and the worker's standard error"
              + (reason == null ? "" : "; last reason: " + reason.getMessage()), reason));
        }
      }
      dispatcher.dispatch(fx);
      retireIdleIfShutDown(fx);
      lock.notifyAll();
    }
    worker.process.kill();
    fx.run(starter);
    if (lost != null) {
      if (headFailure != null) {
        lost.result.completeExceptionally(headFailure);
      } else {
        failWhenExited(lost, worker, reason);
      }
    }
  }

  private boolean needsReplacement(WorkerHandle worker) {
    return !worker.retiring && !worker.replaced && broken == null && state != State.TERMINATED
        && (state == State.RUNNING || !queue.isEmpty());
  }

  /** Fails the task with the worker's exit code, once known (or after two seconds without). */
  private static void failWhenExited(PendingTask lost, WorkerHandle worker, Throwable reason) {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    worker.process.exitCode().thenAccept(exit::complete);
    exit.completeOnTimeout(null, 2, TimeUnit.SECONDS).thenAccept(code -> {
      WorkerDiedException died = new WorkerDiedException(worker.name, worker.process.pid(), code,
          reason == null ? null : reason.getMessage());
      if (reason != null) {
        died.initCause(reason);
      }
      lost.result.completeExceptionally(died);
    });
  }

  /**
   * Cancels a task: dropped from the queue, skipped by its worker if not begun there, or, if
   * running and allowed, stopped by killing its worker.
   */
  boolean cancel(PendingTask task, boolean mayInterruptIfRunning) {
    Effects fx = new Effects();
    boolean cancelled = false;
    synchronized (lock) {
      if (task.result.isDone()) {
        return false;
      }
      if (queue.remove(task)) {
        cancelled = true;
      }
      for (WorkerHandle worker : workers) {
        if (cancelled || !worker.inFlight.contains(task)) {
          continue;
        }
        if (worker.inFlight.peekFirst() != task) {
          worker.enqueueCancel(task.id);
          fx.flush(worker);
          cancelled = true;
        } else if (mayInterruptIfRunning) {
          worker.headFailure = new CancellationException("cancelled while running in " + worker.name
              + "; the worker was stopped and replaced");
          fx.later(worker.process::kill);
          cancelled = true;
        }
      }
    }
    fx.run(starter);
    return cancelled && task.result.cancel(false);
  }

  /** Stops taking tasks; workers leave as they run out of work. */
  void shutdown() {
    Effects fx = new Effects();
    synchronized (lock) {
      if (state != State.RUNNING) {
        return;
      }
      state = State.SHUTDOWN;
      retireIdleIfShutDown(fx);
    }
    fx.run(starter);
  }

  /** Kills every worker and fails every unfinished task. */
  void terminate() {
    List<PendingTask> doomed = new ArrayList<>();
    List<WorkerHandle> victims;
    synchronized (lock) {
      state = State.TERMINATED;
      doomed.addAll(queue);
      queue.clear();
      for (WorkerHandle worker : workers) {
        worker.retiring = true;
        doomed.addAll(worker.inFlight);
        worker.inFlight.clear();
      }
      victims = new ArrayList<>(workers);
    }
    for (WorkerHandle worker : victims) {
      worker.process.kill();
      worker.close();
    }
    PoolTerminatedException terminated =
        new PoolTerminatedException("The pool was terminated before this task completed");
    doomed.forEach(task -> task.result.completeExceptionally(terminated));
  }

  /** Waits until the pool stopped running and every worker has left. */
  void awaitNoWorkers() throws InterruptedException {
    synchronized (lock) {
      if (state == State.RUNNING) {
        throw new IllegalStateException(
            "Pool is still running: call shutdown() or terminate() before join()");
      }
      while (!workers.isEmpty()) {
        lock.wait();
      }
    }
  }

  private void breakPool(Effects fx, RuntimeException why) {
    broken = why;
    queue.forEach(task -> fx.fail(task, why));
    queue.clear();
  }

  private void retireIdleIfShutDown(Effects fx) {
    if (state != State.SHUTDOWN || !queue.isEmpty()) {
      return;
    }
    for (WorkerHandle worker : workers) {
      if (!worker.retiring && worker.inFlight.isEmpty()) {
        worker.retiring = true;
        fx.close(worker);
      }
    }
  }

  /** The worker's first task is now running: tell the listener, and time it if tasks may overrun. */
  private void headChanged(WorkerHandle worker) {
    PendingTask head = worker.inFlight.peekFirst();
    if (head == null) {
      return;
    }
    callbacks.started(head, worker.name);
    Duration timeout = rules.taskTimeout();
    if (timeout != null) {
      CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS)
          .execute(() -> stopIfStillRunning(worker, head, timeout));
    }
  }

  private void stopIfStillRunning(WorkerHandle worker, PendingTask task, Duration timeout) {
    synchronized (lock) {
      if (worker.inFlight.peekFirst() != task || task.result.isDone() || worker.headFailure != null) {
        return;
      }
      worker.headFailure = new TaskTimeoutException(worker.name, timeout);
    }
    worker.process.kill();
  }
}
