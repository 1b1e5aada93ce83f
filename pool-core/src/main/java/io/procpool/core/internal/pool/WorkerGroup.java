package io.procpool.core.internal.pool;

import io.procpool.core.internal.events.Loggers;
import io.procpool.core.internal.events.PoolLife;
import io.procpool.core.internal.events.WorkerLife;
import io.procpool.core.internal.launch.CdsTraining;
import io.procpool.core.internal.launch.LocalProcessLauncher;
import io.procpool.core.internal.launch.WorkerCds;
import io.procpool.core.internal.wire.Invocations;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.spi.Connection;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pool's worker processes: starts them (numbered {@code PoolWorker-1}, {@code -2}, … for the
 * life of the pool, replacements included), connects each through the transport, and makes sure
 * none outlives the pool, not even when this JVM exits without closing it.
 */
public final class WorkerGroup implements Scheduler.WorkerStarter {
  /** After a worker's process exited, how long its frames on their way get before its connection is closed. */
  static final Duration CLOSE_AFTER_EXIT = Duration.ofSeconds(1);
  /** A CDS training worker takes 1-2 s; should it hang, close() waits no longer than this. */
  static final Duration CDS_TRAINING_LIMIT = Duration.ofSeconds(30);

  private final PoolSettings settings;
  private final Transport transport;
  private final WorkerLauncher launcher;
  private final Scheduler scheduler;
  private final WorkerSpecs specs;
  private final EarlyWorkers early;
  private final LaunchQueue replacements = new LaunchQueue("procpool-launch");
  private final LiveProcesses processes = new LiveProcesses();
  private final Thread killOnExit = new Thread(this::stopOnExit, "procpool-kill-workers-on-exit");
  private final AtomicBoolean released = new AtomicBoolean();
  private final PoolTimer timer;
  /** For the warning of work dropped at exit, which must be seen though the JVM's logging may be shutting down. */
  private final ExitLog exitLog = new ExitLog(Loggers.POOL);

  /**
   * @param timer the pool's timer, which this group shuts down once its workers are gone
   * @param early the first workers if they were launched already, which {@link #startAll} adopts
   */
  WorkerGroup(PoolSettings settings, Transport transport, WorkerLauncher launcher, Callbacks callbacks,
              PoolTimer timer, EarlyWorkers early) {
    this.settings = settings;
    this.transport = transport;
    this.launcher = launcher;
    this.timer = timer;
    this.early = early;
    this.scheduler = new Scheduler(this, rules(settings), callbacks, timer);
    this.specs = early.specs() != null ? early.specs()
        : new WorkerSpecs(settings, launcher instanceof LocalProcessLauncher, transport.getClass().getName(),
            early.named());
  }

  /** @throws io.procpool.TaskSerializationException if the initializer cannot be serialized */
  private static Scheduler.Rules rules(PoolSettings settings) {
    byte[] initializer = settings.initializer() == null ? null
        : KryoCodec.get().encode(new Invocations.Run(settings.initializer()), "the pool's initializer");
    return new Scheduler.Rules(settings.maxTasksPerChild(), settings.taskTimeout(), initializer);
  }

  Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Starts the first workers, or takes over those launched early; if one cannot be started at
   * all, the pool fails to build, and every worker launched is stopped.
   */
  void startAll() {
    Runtime.getRuntime().addShutdownHook(killOnExit);
    try {
      for (EarlyWorkers.Launched worker : early.launched()) {
        scheduler.launching();
        adopt(worker.process(), worker.life());
      }
      if (early.failure() != null) {
        throw early.failure();
      }
      for (int i = early.launched().size(); i < settings.workers(); i++) {
        scheduler.launching();
        launch(specs.nextName(), null);
      }
      replacements.submit(this::startCdsTraining); // off the caller's way: it waits for its pool
    } catch (Exception e) {
      scheduler.terminate();
      awaitExitUninterruptibly();
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Launches a worker in place of {@code predecessor}, on the launch thread (see {@link LaunchQueue}). */
  @Override
  public void startWorker(String predecessor) {
    replacements.submit(() -> {
      String name = specs.nextName();
      try {
        launch(name, predecessor);
      } catch (IOException | RuntimeException e) {
        scheduler.onLaunchFailed(name, e);
      }
    });
  }

  /** Launches worker {@code name}, in place of {@code predecessor} (null for one of the first). */
  private void launch(String name, String predecessor) throws IOException {
    WorkerLaunchSpec spec = specs.worker(name);
    transport.configure(spec);
    WorkerLife life = WorkerLife.launching(spec.workerName(), predecessor);
    WorkerProcess process;
    try {
      process = launcher.launch(spec);
    } catch (IOException | RuntimeException e) {
      life.launchFailed(e);
      throw e;
    }
    life.launched(process.pid());
    adopt(process, life);
  }

  /** Makes a launched process one of the pool's workers and connects it. */
  private void adopt(WorkerProcess process, WorkerLife life) {
    processes.add(process);
    WorkerHandle worker = new WorkerHandle(process, scheduler, settings.exceptionFilter(), life);
    if (!scheduler.register(worker)) {
      process.kill(); // terminated while it was starting
      return;
    }
    // If the process dies and the transport somehow fails to notice, close its connection anyway;
    // the delay lets frames already on their way arrive first.
    process.exitCode().thenRun(() -> timer.schedule(worker::close, CLOSE_AFTER_EXIT));
    Connection connection;
    try {
      connection = transport.connect(process, worker);
    } catch (RuntimeException e) { // the SPI says connect never throws; if it does, the worker is lost
      process.kill();
      worker.onClosed(e);
      return;
    }
    worker.attach(connection);
  }

  /** On first use, a training worker that creates the CDS archive later workers start from. */
  private void startCdsTraining() {
    WorkerCds cds = specs.cds();
    WorkerCds.Launch launch;
    try {
      launch = cds.training();
    } catch (RuntimeException e) {
      return; // no archive is only slower
    }
    if (launch == null) {
      return;
    }
    try {
      WorkerLaunchSpec spec = specs.spec("PoolWorker-cds-training", launch.options());
      transport.configure(spec);
      CdsTraining training = new CdsTraining();
      WorkerProcess process = launcher.launch(spec);
      processes.add(process); // join() waits for it and the exit hook kills it, as any worker
      cds.launched(launch, process.exitCode());
      PoolTimer.Scheduled kill = timer.schedule(process::kill, CDS_TRAINING_LIMIT);
      process.exitCode().thenRun(kill::cancel);
      training.attach(transport.connect(process, training));
    } catch (IOException | RuntimeException e) {
      cds.launchFailed(launch, e); // only slower: the pool's own workers are unaffected
    }
  }

  /** Waits until every process this pool started has exited, then releases the transport. */
  void awaitExit() throws InterruptedException {
    replacements.awaitIdle(); // a launch on its way adds its process before this counts them
    for (WorkerProcess process : processes.snapshot()) {
      try {
        process.exitCode().get();
      } catch (ExecutionException e) {
        // it is gone either way
      }
    }
    release();
  }

  void awaitExitUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        awaitExit();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void release() {
    if (released.compareAndSet(false, true)) {
      transport.shutdown();
      closeLauncher();
      timer.shutdown();
      PoolLife.closed(specs.named());
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // this JVM is already exiting; the hook runs and finds nothing to kill
      }
    }
  }

  /** A launcher that holds something of its own (a cluster client, say) lets it go with the pool. */
  private void closeLauncher() {
    if (launcher instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        System.getLogger(Loggers.POOL).log(System.Logger.Level.WARNING, "the worker launcher failed to close", e);
      }
    }
  }

  /** Kills every worker and fails every unfinished task, then waits until the processes are gone. */
  void terminateAndAwait() {
    PoolLife.terminating(scheduler.unfinishedTasks());
    scheduler.terminate();
    awaitExitUninterruptibly();
  }

  /**
   * This JVM is exiting. The pool is stopped first, so that it starts no replacement for the
   * workers killed next; what it had accepted and not finished is dropped, and the log says how much.
   */
  private void stopOnExit() {
    int dropped = scheduler.unfinishedTasks();
    scheduler.terminate();
    killAll();
    if (dropped > 0) {
      exitLog.warn("This JVM is exiting with {0} accepted task(s) of a pool unfinished: they were dropped,"
          + " and their results failed. Wait for the results, or close() the pool, before exiting", dropped);
    }
  }

  private void killAll() {
    processes.snapshot().forEach(WorkerProcess::kill);
  }
}
