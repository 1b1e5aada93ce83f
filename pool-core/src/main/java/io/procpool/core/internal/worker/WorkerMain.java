package io.procpool.core.internal.worker;

import io.procpool.CurrentProcess;
import io.procpool.spi.Connection;
import io.procpool.spi.WorkerEndpoint;
import io.procpool.spi.WorkerLaunchSpec;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The entry point of a worker JVM. Before any library or task code runs it takes the real standard
 * streams for the transport and, if the transport talks over stdout, points {@code System.out}
 * and {@code System.err} into the protocol; then it connects and runs tasks until the pool goes.
 */
public final class WorkerMain {
  /** The pid of the pool's process; the worker exits when that process does. */
  public static final String PARENT_PID_PROPERTY = "procpool.parent.pid";

  private WorkerMain() {}

  public static void main(String[] args) {
    InputStream stdin = new FileInputStream(FileDescriptor.in);
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    PrintStream realErr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    try {
      WorkerEndpoint endpoint = newEndpoint();
      TaskRunner runner = new TaskRunner(CurrentProcess.name(), realErr, endpoint.onFrameMayRunTasks(),
          WorkerExit.HALT);
      if (endpoint.usesStandardOutput()) {
        runner.captureStandardStreams();
      }
      System.setIn(new ByteArrayInputStream(new byte[0])); // stdin belongs to the transport
      ParentWatchdog.start(Long.getLong(PARENT_PID_PROPERTY, -1), realErr);
      Connection connection = endpoint.open(stdin, stdout, runner);
      runner.run(connection);
    } catch (Throwable e) {
      realErr.println("procpool worker " + CurrentProcess.name() + " cannot start: " + e);
      e.printStackTrace(realErr);
      Runtime.getRuntime().halt(3);
    }
  }

  private static WorkerEndpoint newEndpoint() throws ReflectiveOperationException {
    String className = System.getProperty(WorkerLaunchSpec.ENDPOINT_PROPERTY);
    if (className == null) {
      throw new IllegalStateException("no transport endpoint: system property "
          + WorkerLaunchSpec.ENDPOINT_PROPERTY + " is not set; workers are started by a pool");
    }
    return (WorkerEndpoint) Class.forName(className).getConstructor().newInstance();
  }
}
