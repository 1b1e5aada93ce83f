package io.procpool.core.internal.pool;

import io.procpool.PoolStats;
import io.procpool.PoolTerminatedException;
import io.procpool.TaskTimeoutException;
import io.procpool.WorkerDiedException;
import io.procpool.WorkerStartException;
import io.procpool.core.internal.events.PoolLife;
import io.procpool.core.internal.events.TaskRuns;
import io.procpool.core.internal.events.WorkerLife;
import io.procpool.core.internal.wire.FrameLimit;
import io.procpool.core.internal.wire.Wire;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Who runs what. Holds the queue of tasks no worker has yet, the live workers and the pool's
 * state; has the {@link Dispatcher} hand queued tasks to workers with room, retires workers that
 * did their share, stops tasks that overrun, and answers for a worker that died. One lock guards
 * it all; whatever calls out (frames, closes, futures, new workers) is collected in
 * {@link Effects} and done after.
 */
public final class Scheduler {
  /** How long a lost task waits for its worker's exit code, to put it in its WorkerDiedException. */
  static final Duration EXIT_CODE_PATIENCE = Duration.ofSeconds(2);

  enum State { RUNNING, SHUTDOWN, TERMINATED }

  /** Starts replacement workers. */
  interface WorkerStarter {
    /** Starts a worker in place of {@code predecessor}, one that left or could not be launched. */
    void startWorker(String predecessor);
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
  private final PoolTimer timer;
  private final ReplacementPolicy replacements = new ReplacementPolicy();
  private final PoolStatistics statistics = new PoolStatistics();
  private State state = State.RUNNING;
  /** Workers decided on or being launched, not yet registered; see {@link #launching()}. */
  private int launching;
  private RuntimeException broken;
  /** Tasks lost with their worker whose failure waits for its exit code; see {@link #failWhenExited}. */
  private int lostAwaitingExitCode;
  /**
   * The smallest frame limit of the connections this pool has had: a task over it fails as it is
   * submitted, on the caller's thread (the first workers' connections are attached before the pool
   * is returned, so it is known from the first submit on). Each worker's own limit is checked again
   * as a task is handed to it, which holds where connections differ, or none was attached yet.
   */
  private FrameLimit frameLimit = FrameLimit.NONE;

  Scheduler(WorkerStarter starter, Rules rules, Callbacks callbacks, PoolTimer timer) {
    this.starter = starter;
    this.timer = timer;
    this.rules = rules;
    this.callbacks = callbacks;
    this.dispatcher = new Dispatcher(queue, workers, rules.maxTasksPerChild(), rules.initializer() == null,
        this::replaceEarly, this::headChanged);
  }

  /** Accepts tasks, in order. @throws IllegalStateException if the pool no longer runs */
  void submit(List<PendingTask> tasks) {
    submit(tasks, null);
  }

  /**
   * Accepts tasks, in order, each of which may run for {@code timeout} (null: the pool's
   * taskTimeout) before it is stopped. @throws IllegalStateException if the pool no longer runs
   */
  void submit(List<PendingTask> tasks, Duration timeout) {
    Effects fx = new Effects();
    long now = System.nanoTime();
    synchronized (lock) {
      if (state != State.RUNNING) {
        throw new IllegalStateException("Pool not running: it was "
            + (state == State.SHUTDOWN ? "shut down" : "terminated") + " and accepts no new tasks");
      }
      for (PendingTask task : tasks) {
        task.timeout = timeout;
        task.submittedAt = now;
        statistics.accepted(task);
        callbacks.submitted(task);
        callbacks.watch(task);
        if (task.result.isDone()) {
          continue; // failed before it could be sent (its value could not be serialized)
        }
        if (broken != null) {
          fx.fail(task, broken);
        } else if (!frameLimit.admits(task.messageBytes())) {
          fx.fail(task, task.overLimit(frameLimit)); // completed before submit returns: never queued
        } else {
          queue.addLast(task);
        }
      }
      dispatcher.dispatch(fx, now);
    }
    fx.run(starter);
  }

  /**
   * A worker is about to be launched: until it is registered, or its launch fails, it counts as a
   * worker the pool still has, so that the pool does not break just before it arrives. The
   * scheduler counts the replacements it decides itself; the first workers are counted here.
   */
  void launching() {
    synchronized (lock) {
      launching++;
    }
  }

  /** Adds a worker that was just launched. Returns false if the pool was terminated meanwhile. */
  boolean register(WorkerHandle worker) {
    synchronized (lock) {
      launching--;
      if (state == State.TERMINATED) {
        lock.notifyAll(); // join() may wait for this launch
        return false;
      }
      workers.add(worker);
      statistics.workerStarted();
      return true;
    }
  }

  /** A replacement worker could not even be started; counts as a start failure. */
  void onLaunchFailed(String workerName, Exception failure) {
    Effects fx = new Effects();
    synchronized (lock) {
      launching--;
      replacements.launchFailed(workerName, failure);
      replaceOrBreak(workerName, true, fx);
      lock.notifyAll();
    }
    fx.run(starter);
  }

  /** A worker's connection is attached: its frame limit counts from now on. */
  void onAttached(WorkerHandle worker) {
    synchronized (lock) {
      if (worker.frameLimit().bytes() < frameLimit.bytes()) {
        frameLimit = worker.frameLimit();
      }
    }
  }

  /** A worker said hello and its connection is attached (see {@link WorkerHandle}). */
  void onReady(WorkerHandle worker) {
    Effects fx = new Effects();
    synchronized (lock) {
      replacements.workerStarted();
      worker.tally.connected = true;
      if (worker.state() == WorkerHandle.State.RETIRING) {
        return; // let go while it was starting (shutdown, terminate): it gets nothing
      }
      worker.markReady();
      if (rules.initializer() != null) {
        sendInitializer(worker, fx);
      }
      dispatcher.dispatch(fx);
      retireIdleIfShutDown(fx);
    }
    fx.run(starter);
  }

  void onOutcome(WorkerHandle worker, long id, long nanos, byte kind, byte[] payload) {
    Effects fx = new Effects();
    synchronized (lock) {
      PendingTask task = worker.inFlight.peekFirst();
      if (task == null || task.id != id) {
        // Left in place: the worker is ended for this, and onClosed answers for its tasks.
        throw new IllegalStateException(worker + " answered task " + id + " but was running "
            + (task == null ? "nothing" : "task " + task.id));
      }
      worker.inFlight.pollFirst();
      if (task.run != null) {
        task.run.answered(worker.name, id, task.items, nanos, kind == Wire.RESULT);
      }
      task.answerSkip(kind == Wire.SKIPPED); // a CANCELLED normally came first; if not, this is its answer
      if (kind != Wire.SKIPPED) {
        dispatcher.observe(nanos);
        worker.tally.countAnswer(kind == Wire.RESULT);
        fx.later(() -> {
          statistics.answered(task, nanos); // before the future completes: its caller's stats() has the times
          Outcomes.complete(task, kind == Wire.RESULT, payload);
        });
      } else {
        fx.later(() -> task.result.cancel(false)); // already, unless cancel() gave up waiting
      }
      headChanged(worker);
      if (dispatcher.exhausted(worker) && worker.inFlight.isEmpty() && worker.state() == WorkerHandle.State.READY) {
        worker.markRetiring(); // did its share: leaves now; its replacement is on its way
        worker.life.retiring("it ran its " + worker.assigned + " tasks (maxTasksPerChild)");
        worker.tally.didItsShare = true;
        fx.close(worker);
      }
      dispatcher.dispatch(fx);
      retireIdleIfShutDown(fx);
    }
    fx.run(starter); // sends the next task before the answer's dependents run
  }

  /**
   * Queues the initializer for a worker that just became ready; if it is over the worker's frame
   * limit, no worker can run it: the pool breaks, as when the initializer fails, and the worker
   * is let go instead of being ended for a frame it cannot take.
   */
  private void sendInitializer(WorkerHandle worker, Effects fx) {
    long bytes = Wire.initBytes(rules.initializer().length);
    if (worker.frameLimit().admits(bytes)) {
      worker.enqueueInitializer(rules.initializer());
      fx.flush(worker);
      return;
    }
    if (broken == null) {
      breakPool(fx, new WorkerStartException("The pool's initializer is " + FrameLimit.count(bytes)
          + " on the wire, over the transport's frame limit of " + FrameLimit.count(worker.frameLimit().bytes())
          + ", so no worker can run it, and the pool runs no tasks", null));
    }
    worker.markRetiring();
    fx.close(worker);
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

  /**
   * The worker said it begins no more tasks (a task of its ended in a VirtualMachineError): the
   * tasks it holds were not begun, so they go back to the queue's front, its successor starts now,
   * and it is let go.
   */
  void onRetiring(WorkerHandle worker) {
    Effects fx = new Effects();
    synchronized (lock) {
      if (worker.state() != WorkerHandle.State.READY) {
        return; // already being stopped or let go: that path answers for its tasks
      }
      worker.markRetiring();
      worker.life.retiring("a task of its ended in a VirtualMachineError, so it begins no more");
      worker.tally.unfit = true;
      for (PendingTask t; (t = worker.inFlight.pollLast()) != null; ) {
        skipUnbegun(t);
        if (!t.settled()) {
          queue.addFirst(t);
        }
      }
      if (replaceOrBreak(worker.name, !worker.replacementStarted(), fx) == ReplacementPolicy.Verdict.START) {
        worker.markReplacementStarted();
      }
      fx.close(worker);
      dispatcher.dispatch(fx);
    }
    fx.run(starter);
  }

  void onClosed(WorkerHandle worker, Throwable reason) {
    List<String> stderr = startingNow(worker) ? worker.process.lastStderrLines() : List.of(); // may wait: off the lock
    Effects fx = new Effects();
    PendingTask lost;
    RuntimeException headFailure;
    WorkerHandle.State was;
    synchronized (lock) {
      if (!workers.remove(worker)) {
        return;
      }
      was = worker.markClosed();
      statistics.workerLeft(worker, was);
      lost = worker.inFlight.pollFirst();
      headFailure = lost == null ? null : worker.stopReasonFor(lost);
      if (lost != null && headFailure == null) {
        lostAwaitingExitCode++; // join() waits for it: close() returns with every result complete
      }
      if (lost != null) {
        lost.answerSkip(null); // it had begun: cancel() looks again and finds it settled
      }
      for (PendingTask t; (t = worker.inFlight.pollLast()) != null; ) {
        skipUnbegun(t);
        if (!t.settled()) {
          queue.addFirst(t); // sent but never begun: they keep their place (unless cancelled)
        }
      }
      if (was == WorkerHandle.State.STARTING && state == State.RUNNING) {
        replacements.exitedBeforeReady(worker.name, reason, stderr);
      }
      replaceOrBreak(worker.name, was != WorkerHandle.State.RETIRING && !worker.replacementStarted(), fx);
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
    reportExit(worker, was, lost, headFailure != null ? headFailure : reason);
  }

  /** Logs and records how the worker left, once its exit code is known (if anything would show it). */
  private void reportExit(WorkerHandle worker, WorkerHandle.State was, PendingTask lost, Throwable reason) {
    WorkerLife.Exit how = switch (was) {
      case RETIRING -> WorkerLife.Exit.LET_GO;
      case STOPPING -> WorkerLife.Exit.STOPPED;
      case STARTING -> WorkerLife.Exit.NEVER_READY;
      default -> WorkerLife.Exit.DIED;
    };
    if (!worker.life.reportsExit(how)) {
      return;
    }
    long task = lost == null ? 0 : lost.id;
    String why = reason == null ? null : reason.getMessage();
    if (how == WorkerLife.Exit.LET_GO) {
      worker.life.exited(how, null, task, why, List.of()); // let go: its exit code says nothing
      return;
    }
    whenExited(worker, code -> worker.life.exited(how, code, task, why,
        how.quotesStderr() ? worker.lastStderrLines() : List.of()));
  }

  private boolean startingNow(WorkerHandle worker) {
    synchronized (lock) {
      return worker.state() == WorkerHandle.State.STARTING;
    }
  }

  /** The worker was given its last task (maxTasksPerChild): its successor starts now, to be ready when it leaves. */
  private void replaceEarly(WorkerHandle worker, Effects fx) {
    if (replaceOrBreak(worker.name, !worker.replacementStarted(), fx) == ReplacementPolicy.Verdict.START) {
      worker.markReplacementStarted();
    }
  }

  /**
   * Does what the {@link ReplacementPolicy} decides for a worker that left, could not be launched,
   * or did its share ({@code owed}: whether it is owed a successor).
   */
  private ReplacementPolicy.Verdict replaceOrBreak(String predecessor, boolean owed, Effects fx) {
    ReplacementPolicy.Decision decision = replacements.decide(owed, demand(), !workers.isEmpty() || launching > 0);
    switch (decision.verdict()) {
      case START -> {
        launching++;
        fx.startReplacement(predecessor);
      }
      case BREAK -> breakPool(fx, decision.failure());
      case NONE -> { }
    }
    return decision.verdict();
  }

  private ReplacementPolicy.Demand demand() {
    if (state == State.TERMINATED) {
      return ReplacementPolicy.Demand.TERMINATED;
    }
    if (broken != null) {
      return ReplacementPolicy.Demand.BROKEN;
    }
    return state == State.RUNNING || !queue.isEmpty()
        ? ReplacementPolicy.Demand.WORKERS_WANTED : ReplacementPolicy.Demand.DRAINED;
  }

  /** Fails the task with the worker's exit code, once known (or after {@link #EXIT_CODE_PATIENCE} without). */
  private void failWhenExited(PendingTask lost, WorkerHandle worker, Throwable reason) {
    whenExited(worker, code -> {
      WorkerDiedException died = new WorkerDiedException(worker.name, worker.process.pid(), code,
          detail(reason, worker.lastStderrLines()));
      if (reason != null) {
        died.initCause(reason);
      }
      lost.result.completeExceptionally(died);
      synchronized (lock) {
        lostAwaitingExitCode--;
        lock.notifyAll();
      }
    });
  }

  /** Runs {@code then} with the worker's exit code once known, or with null after {@link #EXIT_CODE_PATIENCE}. */
  private void whenExited(WorkerHandle worker, Consumer<Integer> then) {
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    worker.process.exitCode().thenAccept(exit::complete);
    PoolTimer.Scheduled giveUp = timer.schedule(() -> exit.complete(null), EXIT_CODE_PATIENCE);
    exit.thenAccept(code -> {
      giveUp.cancel();
      then.accept(code);
    });
  }

  /** Why a worker died, as far as the transport and its standard error's last lines say. */
  private static String detail(Throwable reason, List<String> stderr) {
    String why = reason == null ? null : reason.getMessage();
    if (stderr.isEmpty()) {
      return why;
    }
    return (why == null ? "" : why + "; ") + "its standard error ended with: " + String.join(" / ", stderr);
  }

  /** How long cancel() waits for a worker to say whether it skips a task; past that, it could not be cancelled. */
  static final Duration SKIP_VERDICT_PATIENCE = Duration.ofSeconds(10);

  /**
   * Cancels a task: dropped from the queue; or, if a worker holds it and may not have begun it,
   * skipped there if the worker says it had not begun it (a round trip: a worker begins its next
   * task as soon as it has answered one, before the pool has read that answer, so only the worker
   * knows); or, if running and allowed, stopped by killing its worker. Returns true only if the
   * task never runs, or was stopped.
   */
  boolean cancel(PendingTask task, boolean mayInterruptIfRunning) {
    for (int attempt = 0; ; attempt++) {
      Effects fx = new Effects();
      boolean cancelled = false;
      CompletableFuture<Boolean> verdict = null;
      synchronized (lock) {
        if (task.settled()) {
          return false;
        }
        if (queue.remove(task)) {
          cancelled = true;
        }
        for (WorkerHandle worker : workers) {
          if (cancelled || verdict != null || !worker.inFlight.contains(task)) {
            continue;
          }
          if (worker.inFlight.peekFirst() != task) {
            verdict = askToSkip(worker, task, fx);
          } else if (mayInterruptIfRunning) {
            stop(worker, task, new CancellationException("cancelled while running in " + worker.name
                + "; the worker was stopped and replaced"), fx);
            cancelled = true;
          }
        }
        if (cancelled) {
          task.giveUp(); // its future is cancelled below, outside the lock; until then nobody sends it
        }
      }
      fx.run(starter);
      if (verdict == null) {
        return cancelled && task.result.cancel(false);
      }
      Boolean skipped;
      try {
        skipped = verdict.get(SKIP_VERDICT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException | TimeoutException e) {
        return false; // no answer: it could not be cancelled (if it is skipped later, SKIPPED cancels its future)
      }
      if (Boolean.TRUE.equals(skipped)) {
        return task.result.cancel(false); // given up when the answer came: never sent again
      }
      if (Boolean.FALSE.equals(skipped) && !mayInterruptIfRunning) {
        return false; // it had begun, and may not be stopped
      }
      // It had begun (cancel(true) stops it once the pool sees it running), or its worker left
      // first (the task is requeued or failed): look again.
      pauseBeforeLookingAgain(attempt);
    }
  }

  /** Between looks at a task its worker has begun but whose predecessor's answer the pool has not yet read. */
  private static void pauseBeforeLookingAgain(int attempt) {
    if (attempt < 100) {
      Thread.onSpinWait();
    } else {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Sends the worker a CANCEL for the task, once; the worker's CANCELLED completes the verdict. */
  private static CompletableFuture<Boolean> askToSkip(WorkerHandle worker, PendingTask task, Effects fx) {
    if (task.begun) {
      return CompletableFuture.completedFuture(false); // asked already; the pool will soon see it running
    }
    if (task.skipVerdict == null) {
      task.skipVerdict = new CompletableFuture<>();
      worker.enqueueCancel(task.id);
      fx.flush(worker);
    }
    return task.skipVerdict;
  }

  /**
   * A task its worker held but never began, now back with the pool: if cancel() is waiting to hear
   * whether it is skipped, it is, here, so that it is never sent again.
   */
  private static void skipUnbegun(PendingTask task) {
    if (task.skipVerdict != null) {
      task.giveUp();
      task.answerSkip(true);
    }
  }

  /** The worker's answer to a CANCEL. A task it skips is given up now, so that it is never sent again. */
  void onCancelled(WorkerHandle worker, long id, boolean skipped) {
    synchronized (lock) {
      for (PendingTask task : worker.inFlight) {
        if (task.id == id) {
          if (skipped) {
            task.giveUp();
          } else {
            task.begun = true;
          }
          task.answerSkip(skipped);
          return;
        }
      }
    }
  }

  /** Whether the pool still accepts tasks: neither shut down nor terminated. */
  boolean running() {
    synchronized (lock) {
      return state == State.RUNNING;
    }
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
        if (worker.state() == WorkerHandle.State.STARTING || worker.state() == WorkerHandle.State.READY) {
          worker.markRetiring();
        }
        worker.inFlight.forEach(task -> task.answerSkip(null));
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

  /** Waits until the pool stopped running and every worker has left, and none is being launched. */
  void awaitNoWorkers() throws InterruptedException {
    synchronized (lock) {
      if (state == State.RUNNING) {
        throw new IllegalStateException(
            "Pool is still running: call shutdown() or terminate() before join()");
      }
      while (!workers.isEmpty() || launching > 0 || lostAwaitingExitCode > 0) { // a replacement on its way may be for the backlog
        lock.wait();
      }
    }
  }

  /** How many accepted tasks have not completed: queued, or sent to a worker. */
  int unfinishedTasks() {
    synchronized (lock) {
      int unfinished = queue.size();
      for (WorkerHandle worker : workers) {
        unfinished += worker.inFlight.size();
      }
      return unfinished;
    }
  }

  /** A snapshot for {@link io.procpool.Pool#stats()}: counted under the lock, the stderr tails read after it. */
  PoolStats stats() {
    PoolStatistics.Counted counted;
    synchronized (lock) {
      counted = statistics.count(queue.size(), workers);
    }
    return statistics.snapshot(counted);
  }

  private void breakPool(Effects fx, RuntimeException why) {
    broken = why;
    PoolLife.broken(why);
    queue.forEach(task -> fx.fail(task, why));
    queue.clear();
  }

  private void retireIdleIfShutDown(Effects fx) {
    if (state != State.SHUTDOWN || !queue.isEmpty()) {
      return;
    }
    for (WorkerHandle worker : workers) {
      WorkerHandle.State life = worker.state();
      if ((life == WorkerHandle.State.STARTING || life == WorkerHandle.State.READY) && worker.inFlight.isEmpty()) {
        worker.markRetiring();
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
    head.run = TaskRuns.begin();
    Duration timeout = head.timeout != null ? head.timeout : rules.taskTimeout();
    if (timeout != null) {
      PoolTimer.Scheduled stop = timer.schedule(() -> stopIfStillRunning(worker, head, timeout), timeout);
      head.result.whenComplete((value, error) -> stop.cancel()); // done in time: leaves no timer behind
    }
  }

  private void stopIfStillRunning(WorkerHandle worker, PendingTask task, Duration timeout) {
    Effects fx = new Effects();
    synchronized (lock) {
      if (worker.inFlight.peekFirst() != task || task.settled()) {
        return;
      }
      stop(worker, task, new TaskTimeoutException(worker.name, timeout), fx);
    }
    fx.run(starter);
  }

  /** Kills a worker because of its running task, which fails with {@code reason} once it is gone. */
  private static void stop(WorkerHandle worker, PendingTask running, RuntimeException reason, Effects fx) {
    if (worker.state() == WorkerHandle.State.READY) {
      running.giveUp();
      worker.markStopping(running, reason);
      fx.later(worker.process::kill);
    }
  }
}
