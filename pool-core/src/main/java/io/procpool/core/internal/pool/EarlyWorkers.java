package io.procpool.core.internal.pool;

import com.google.inject.Module;
import io.procpool.core.internal.events.WorkerLife;
import io.procpool.core.internal.launch.LocalProcessLauncher;
import io.procpool.spi.EarlyLaunchModule;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A pool's first workers, launched before its injector is built, when the transport's module can
 * say what their launch needs without one ({@link EarlyLaunchModule}): a cold JVM spends a
 * quarter of a second in Guice, which the workers' own start now overlaps. Until the
 * {@link WorkerGroup} adopts them, they are this object's to stop: if the injector cannot be
 * built, or binds a launcher of its own, {@link #abandon} kills them and waits until they are gone.
 */
final class EarlyWorkers {
  /** One launched worker, with the life its logs and events follow from the launch on. */
  record Launched(WorkerProcess process, WorkerLife life) {}

  private static final EarlyWorkers NONE = new EarlyWorkers(null, List.of(), null, 0);

  private final WorkerSpecs specs;
  private final List<Launched> launched;
  private final Exception failure;
  /** How many worker names were given out: the pool's own workers are numbered on from there. */
  private final int named;

  private EarlyWorkers(WorkerSpecs specs, List<Launched> launched, Exception failure, int named) {
    this.specs = specs;
    this.launched = launched;
    this.failure = failure;
    this.named = named;
  }

  static EarlyWorkers none() {
    return NONE;
  }

  /**
   * Launches the pool's first workers if the module allows it. A launch that fails stops the
   * others; the failure is kept for {@link WorkerGroup#startAll}, which fails the build with it
   * as it would have failed launching the worker itself.
   */
  static EarlyWorkers launch(PoolSettings settings, Module module) {
    if (!(module instanceof EarlyLaunchModule early)) {
      return NONE;
    }
    WorkerLaunchSpec probe = new WorkerLaunchSpec("probe");
    early.configureLaunch(probe);
    WorkerSpecs specs = new WorkerSpecs(settings, true, probe.systemProperties().get(WorkerLaunchSpec.ENDPOINT_PROPERTY));
    WorkerLauncher launcher = new LocalProcessLauncher();
    List<Launched> launched = new ArrayList<>();
    Exception failure = null;
    List<WorkerProcess> processes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < settings.workers() && failure == null; i++) {
      WorkerLaunchSpec spec = specs.worker(specs.nextName());
      names.add(spec.workerName());
      try {
        early.configureLaunch(spec);
        processes.add(launcher.launch(spec));
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    }
    // Their lives begin once all are launched: the first log call sets up the JDK's logging, tens of ms cold.
    for (int i = 0; i < names.size(); i++) {
      WorkerLife life = WorkerLife.launching(names.get(i), null);
      if (i < processes.size()) {
        life.launched(processes.get(i).pid());
        launched.add(new Launched(processes.get(i), life));
      } else {
        life.launchFailed(failure);
      }
    }
    if (failure != null) {
      return new EarlyWorkers(specs, launched, failure, specs.named());
    }
    return new EarlyWorkers(specs, launched, null, specs.named());
  }

  /** The specs these workers were launched from, to go on with; null if none were. */
  WorkerSpecs specs() {
    return specs;
  }

  /** How many worker names these took, launched or given up: the next worker's number follows. */
  int named() {
    return named;
  }

  List<Launched> launched() {
    return launched;
  }

  /** Why one of them could not be launched, or null. */
  Exception failure() {
    return failure;
  }

  /**
   * These workers if the pool's injector gave it the core's launcher, else none (the module broke
   * its promise: the pool launches its workers with the launcher it bound, and these are stopped).
   */
  EarlyWorkers keptFor(WorkerLauncher launcher) {
    if (this == NONE || launcher instanceof LocalProcessLauncher) {
      return this;
    }
    abandon();
    return new EarlyWorkers(null, List.of(), null, named);
  }

  /** Kills them and waits until each has exited: none outlives a build that failed. */
  void abandon() {
    launched.forEach(worker -> worker.process().kill());
    boolean interrupted = false;
    for (Launched worker : launched) {
      while (true) {
        try {
          worker.process().exitCode().get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break; // gone either way
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
