package io.procpool.core.internal.worker;

import io.procpool.spi.Connection;
import io.procpool.spi.InProcessWorkerRuntime;
import io.procpool.spi.WorkerEndpoint;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerThreads;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The worker runtime on a thread of the pool's own JVM, for transports whose workers are threads.
 * The same {@link TaskRunner} as in a worker process, minus what belongs to a process: it neither
 * takes over the standard streams (they are the pool's) nor watches for the parent's death (the
 * parent is this JVM), and it returns where a process would halt.
 */
public final class ThreadWorkerRuntime implements InProcessWorkerRuntime {

  @Override
  public String mainClass() {
    return WorkerMain.class.getName();
  }

  @Override
  public int run(WorkerLaunchSpec spec, WorkerEndpoint endpoint) throws Exception {
    if (endpoint.usesStandardOutput()) {
      throw new IllegalArgumentException("a worker on a thread cannot carry its output over standard"
          + " output, which belongs to the pool's JVM: " + endpoint.getClass().getName()
          + ".usesStandardOutput() must be false");
    }
    String name = spec.workerName();
    WorkerThreads.bind(name);
    try {
      // What it logs of itself goes to this JVM's logging, as the pool's own records do (WorkerLog).
      TaskRunner runner = new TaskRunner(name, endpoint.onFrameMayRunTasks(), WorkerExit.RETURN);
      Connection connection = endpoint.open(InputStream.nullInputStream(), OutputStream.nullOutputStream(), runner);
      return runner.run(connection);
    } finally {
      WorkerThreads.unbind();
    }
  }
}
