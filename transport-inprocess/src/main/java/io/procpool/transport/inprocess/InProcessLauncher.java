package io.procpool.transport.inprocess;

import io.procpool.spi.InProcessWorkerRuntime;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;

/**
 * Starts each worker as a thread of this JVM. Of the launch specification only the worker's name
 * applies: JVM options, system properties and the java command describe a process of its own.
 * An environment or a working directory cannot be given to a thread either, and as a pool built
 * with them expects its workers to see them, those are refused rather than ignored.
 */
final class InProcessLauncher implements WorkerLauncher {
  private final InProcessWorkerRuntime runtime = InProcessWorkerRuntime.load();

  @Override
  public WorkerProcess launch(WorkerLaunchSpec spec) throws IOException {
    if (!runtime.mainClass().equals(spec.mainClass())) {
      throw new IOException("The in-process transport runs the pool's worker runtime on a thread, not "
          + spec.mainClass() + ": only a spec whose main class is " + runtime.mainClass() + " can be launched");
    }
    if (!spec.environment().isEmpty()) {
      throw new IOException("The in-process transport runs " + spec.workerName() + " as a thread of"
          + " this JVM, which cannot have environment variables of its own " + spec.environment().keySet()
          + ": set them on this JVM, or use a transport with worker processes (pipes, netty)");
    }
    if (spec.workingDirectory() != null) {
      throw new IOException("The in-process transport runs " + spec.workerName() + " as a thread of"
          + " this JVM, which cannot have a working directory of its own (" + spec.workingDirectory()
          + "): use a transport with worker processes (pipes, netty)");
    }
    return InProcessWorker.start(runtime, spec);
  }
}
