package io.procpool.core.internal.pool;

import io.procpool.CurrentProcess;
import io.procpool.core.internal.launch.WorkerCds;
import io.procpool.core.internal.launch.WorkerClassPath;
import io.procpool.core.internal.launch.WorkerJvmOptions;
import io.procpool.core.internal.worker.WorkerMain;
import io.procpool.spi.WorkerLaunchSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a pool's workers are launched: their names ({@code PoolWorker-1}, {@code -2}, … for the
 * life of the pool, replacements included), class path, start-up cache options and the rest of
 * each one's spec, before the transport adds its part. Needs no injector, so that the first
 * workers can be launched while the pool's is being built ({@link EarlyWorkers}).
 */
final class WorkerSpecs {
  private final PoolSettings settings;
  private final List<String> classPath = WorkerClassPath.ofThisProcess();
  private final AtomicInteger numbers = new AtomicInteger();
  private final WorkerCds cds;
  /** The workers' environment over this process's: the user's, and what their option variables must lose. */
  private final Map<String, String> environment;

  /**
   * @param localLauncher whether the core's own launcher starts the workers
   * @param transportKey names the transport's worker side, for the start-up cache: each transport
   *     gets its own
   */
  WorkerSpecs(PoolSettings settings, boolean localLauncher, String transportKey) {
    this(settings, localLauncher, transportKey, 0);
  }

  /** @param named how many worker names were given out before: the first worker here is the next */
  WorkerSpecs(PoolSettings settings, boolean localLauncher, String transportKey, int named) {
    this.settings = settings;
    this.numbers.set(named);
    boolean localSameJava = localLauncher && (settings.javaExecutable() == null
        || Path.of(settings.javaExecutable()).toAbsolutePath().equals(Path.of(thisJava())));
    this.cds = WorkerCds.forWorkers(localSameJava, thisJava(), classPath, settings.jvmOptions(), transportKey);
    this.environment = new HashMap<>();
    if (localLauncher) { // a remote worker inherits its agent's environment, not this process's
      environment.putAll(WorkerJvmOptions.inheritedWithoutCds(settings.environment(), System.getenv()));
    }
    environment.putAll(settings.environment());
  }

  /** The name of the next worker, numbered from 1. */
  String nextName() {
    return "PoolWorker-" + numbers.incrementAndGet();
  }

  /** How many worker names were given out. */
  int named() {
    return numbers.get();
  }

  WorkerCds cds() {
    return cds;
  }

  /** The spec of a pool worker, with the start-up cache's options if there is one yet. */
  WorkerLaunchSpec worker(String name) {
    return spec(name, cds.workerOptions());
  }

  /** The spec of worker {@code name} with these start-up cache options. */
  WorkerLaunchSpec spec(String name, List<String> cacheOptions) {
    WorkerLaunchSpec spec = new WorkerLaunchSpec(name)
        .javaExecutable(settings.javaExecutable() != null ? settings.javaExecutable() : thisJava())
        .mainClass(WorkerMain.class.getName());
    spec.classPath().addAll(classPath);
    spec.jvmOptions().addAll(WorkerJvmOptions.of(cacheOptions, settings.jvmOptions(), environment,
        settings.javaExecutable() == null));
    spec.systemProperties().put(CurrentProcess.NAME_PROPERTY, name);
    spec.systemProperties().put(WorkerMain.PARENT_PID_PROPERTY, Long.toString(ProcessHandle.current().pid()));
    spec.systemProperties().putAll(settings.systemProperties());
    spec.environment().putAll(environment);
    spec.workingDirectory(settings.workingDirectory());
    return spec;
  }

  static String thisJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
