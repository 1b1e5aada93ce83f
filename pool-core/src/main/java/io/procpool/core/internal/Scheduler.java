package io.procpool.core.internal;

import io.procpool.PoolTerminatedException;
import io.procpool.WorkerDiedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Who runs what. Holds the queue of tasks no worker has yet, the live workers, and the pool's
 * state; hands queued tasks to workers with room, and answers for a worker that died. One lock
 * guards it all; frames are written and futures completed outside it.
 */
final class Scheduler {
  private static final int MAX_START_FAILURES_IN_A_ROW = 3;

  enum State { RUNNING, SHUTDOWN, TERMINATED }

  /** Starts replacement workers. */
  interface WorkerStarter {
    void startWorker();
  }

  private final Object lock = new Object();
  private final ArrayDeque<PendingTask> queue = new ArrayDeque<>();
  private final List<WorkerHandle> workers = new ArrayList<>();
  private final WorkerStarter starter;
  private State state = State.RUNNING;
  private int startFailuresInARow;
  private RuntimeException broken;
  private final InFlightPolicy inFlightPolicy = new InFlightPolicy();

  Scheduler(WorkerStarter starter) {
    this.starter = starter;
  }

  /** Accepts tasks, in order. @throws IllegalStateException if the pool no longer runs */
  void submit(List<PendingTask> tasks) {
    List<WorkerHandle> touched;
    synchronized (lock) {
      if (state != State.RUNNING) {
        throw new IllegalStateException("Pool not running: it was "
            + (state == State.SHUTDOWN ? "shut down" : "terminated") + " and accepts no new tasks");
      }
      for (PendingTask task : tasks) {
        if (task.result.isDone()) {
          continue; // failed before it could be sent (its value could not be serialized)
        }
        if (broken != null) {
          task.result.completeExceptionally(broken);
        } else {
          queue.addLast(task);
        }
      }
      touched = dispatch();
    }
    touched.forEach(WorkerHandle::flush);
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
    List<PendingTask> failed;
    boolean retry;
    synchronized (lock) {
      startFailuresInARow++;
      retry = state != State.TERMINATED && startFailuresInARow < MAX_START_FAILURES_IN_A_ROW;
      if (retry || !workers.isEmpty()) {
        failed = List.of();
      } else {
        broken = new IllegalStateException("Cannot start worker " + workerName + ": "
            + failure.getMessage(), failure);
        failed = new ArrayList<>(queue);
        queue.clear();
      }
      lock.notifyAll();
    }
    failed.forEach(task -> task.result.completeExceptionally(broken));
    if (retry) {
      starter.startWorker();
    }
  }

  void onReady(WorkerHandle worker) {
    List<WorkerHandle> touched;
    List<WorkerHandle> retired;
    synchronized (lock) {
      worker.ready = true;
      startFailuresInARow = 0;
      touched = dispatch();
      retired = retireIdleIfShutDown();
    }
    touched.forEach(WorkerHandle::flush);
    retired.forEach(WorkerHandle::close);
  }

  void onOutcome(WorkerHandle worker, long id, long nanos, boolean success, byte[] payload) {
    PendingTask task;
    List<WorkerHandle> touched;
    List<WorkerHandle> retired;
    synchronized (lock) {
      task = worker.inFlight.pollFirst();
      if (task == null || task.id != id) {
        throw new IllegalStateException(worker + " answered task " + id + " but was running "
            + (task == null ? "nothing" : "task " + task.id));
      }
      inFlightPolicy.observe(nanos);
      touched = dispatch();
      retired = retireIdleIfShutDown();
    }
    touched.forEach(WorkerHandle::flush);
    retired.forEach(WorkerHandle::close);
    Outcomes.complete(task.result, success, payload);
  }

  void onClosed(WorkerHandle worker, Throwable reason) {
    PendingTask lost;
    boolean replace;
    List<WorkerHandle> touched;
    List<PendingTask> failed = new ArrayList<>();
    List<WorkerHandle> retired;
    synchronized (lock) {
      if (!workers.remove(worker)) {
        return;
      }
      lost = worker.inFlight.pollFirst();
      for (PendingTask t; (t = worker.inFlight.pollLast()) != null; ) {
        queue.addFirst(t); // sent but never started: they keep their place
      }
      if (!worker.ready && !worker.retiring && state == State.RUNNING) {
        startFailuresInARow++;
      }
      replace = !worker.retiring && state != State.TERMINATED
          && (state == State.RUNNING || !queue.isEmpty());
      if (replace && startFailuresInARow >= MAX_START_FAILURES_IN_A_ROW) {
        replace = false;
        if (workers.isEmpty()) {
          broken = new WorkerDiedException(worker.name, worker.process.pid(), null,
              "workers exit before they are ready (" + startFailuresInARow + " in a row), so the pool"
                  + " cannot run tasks; check the worker JVM options and the worker's standard error"
                  + (reason == null ? "" : "; last reason: " + reason.getMessage()));
          failed.addAll(queue);
          queue.clear();
        }
      }
      touched = dispatch();
      retired = retireIdleIfShutDown();
      lock.notifyAll();
    }
    worker.process.kill();
    touched.forEach(WorkerHandle::flush);
    retired.forEach(WorkerHandle::close);
    failed.forEach(task -> task.result.completeExceptionally(broken));
    if (lost != null) {
      failWhenExited(lost, worker, reason);
    }
    if (replace) {
      starter.startWorker();
    }
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

  /** Stops taking tasks; workers leave as they run out of work. */
  void shutdown() {
    List<WorkerHandle> retired;
    synchronized (lock) {
      if (state != State.RUNNING) {
        return;
      }
      state = State.SHUTDOWN;
      retired = retireIdleIfShutDown();
    }
    retired.forEach(WorkerHandle::close);
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

  boolean running() {
    synchronized (lock) {
      return state == State.RUNNING;
    }
  }

  private List<WorkerHandle> retireIdleIfShutDown() {
    if (state != State.SHUTDOWN || !queue.isEmpty()) {
      return List.of();
    }
    List<WorkerHandle> idle = new ArrayList<>();
    for (WorkerHandle worker : workers) {
      if (!worker.retiring && worker.inFlight.isEmpty()) {
        worker.retiring = true;
        idle.add(worker);
      }
    }
    return idle;
  }

  /**
   * Hands queued tasks to workers, one at a time to the least loaded. An idle worker always takes
   * one; a busy one takes more (up to the policy's limit) only while the queue is longer than the
   * number of workers still starting, so a burst of a few long tasks waits for every worker
   * instead of piling onto the first one up; and only once it is down to the policy's refill
   * mark, then up to the limit, so that short tasks go in batches. Returns the workers that got
   * tasks.
   */
  private List<WorkerHandle> dispatch() {
    List<WorkerHandle> touched = new ArrayList<>(2);
    int limit = inFlightPolicy.limit();
    int refillAt = inFlightPolicy.refillAt(limit);
    int starting = 0;
    for (WorkerHandle worker : workers) {
      if (!worker.ready && !worker.retiring) {
        starting++;
      }
    }
    while (!queue.isEmpty()) {
      WorkerHandle target = leastLoaded(touched, refillAt);
      if (target == null || target.inFlight.size() >= limit
          || (!target.inFlight.isEmpty() && queue.size() <= starting)) {
        break;
      }
      assign(target, queue.pollFirst());
      if (!touched.contains(target)) {
        touched.add(target);
      }
    }
    return touched;
  }

  /** The least loaded worker down to the refill mark or already being topped up, if any. */
  private WorkerHandle leastLoaded(List<WorkerHandle> touched, int refillAt) {
    WorkerHandle best = null;
    for (WorkerHandle worker : workers) {
      if (worker.ready && !worker.retiring
          && (worker.inFlight.size() <= refillAt || touched.contains(worker))
          && (best == null || worker.inFlight.size() < best.inFlight.size())) {
        best = worker;
      }
    }
    return best;
  }

  private static void assign(WorkerHandle worker, PendingTask task) {
    worker.inFlight.addLast(task);
    worker.enqueue(task);
  }
}
