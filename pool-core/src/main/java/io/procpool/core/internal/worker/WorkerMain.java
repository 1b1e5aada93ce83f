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
import java.io.PrintStream;

/**
 * The entry point of a worker JVM. Before any library or task code runs it takes the real standard
 * streams for itself ({@link StandardDescriptors}): the real stdout goes, as a private descriptor,
 * to the transport; descriptors 1 and 2 become pipes it drains, and {@code System.out} and
 * {@code System.err} are captured; what reaches either is carried to the pool inside the protocol,
 * on every transport. Then it connects and runs tasks until the pool goes.
 */
public final class WorkerMain {
  /** The pid of the pool's process; the worker exits when that process does. */
  public static final String PARENT_PID_PROPERTY = "procpool.parent.pid";

  private WorkerMain() {}

  public static void main(String[] args) {
    InputStream stdin = new FileInputStream(FileDescriptor.in);
    WorkerLog.toRealStderr(new PrintStream(new FileOutputStream(FileDescriptor.err), true), CurrentProcess.name());
    try {
      StandardDescriptors descriptors = StandardDescriptors.takeOver();
      WorkerLog.toRealStderr(descriptors.realStderr(), CurrentProcess.name()); // fd 2 is a pipe into the protocol now
      WorkerEndpoint endpoint = newEndpoint();
      TaskRunner runner = new TaskRunner(CurrentProcess.name(), endpoint.onFrameMayRunTasks(), WorkerExit.HALT);
      // Captured at the Java level too, not only through descriptor 1: a println then costs one
      // frame and no thread wake-up, and the runner drains the descriptors first at every flush,
      // so the order is the one a plain JVM shows (see TaskRunner.appendOutput).
      runner.captureStandardStreams(descriptors.redirected());
      warnIfNotRedirected(descriptors, endpoint);
      System.setIn(new ByteArrayInputStream(new byte[0])); // stdin belongs to the transport
      ParentWatchdog.start(Long.getLong(PARENT_PID_PROPERTY, -1));
      Connection connection = endpoint.open(stdin, descriptors.realStdout(), runner);
      runner.run(connection);
    } catch (Throwable e) {
      WorkerLog.log(System.Logger.Level.ERROR, "procpool worker " + CurrentProcess.name() + " cannot start: " + e, e);
      Runtime.getRuntime().halt(3);
    }
  }

  /**
   * Says once, through the worker's log (see {@link WorkerLog}), that raw writes to descriptors 1 and 2
   * are not carried: over a transport on stdout they end the worker as a bad frame, otherwise they
   * go to the inherited descriptors. Not when the user turned the redirection off on purpose.
   */
  private static void warnIfNotRedirected(StandardDescriptors descriptors, WorkerEndpoint endpoint) {
    if (descriptors.unavailable() == null) {
      return;
    }
    WorkerLog.log(System.Logger.Level.WARNING, "procpool worker "
        + CurrentProcess.name() + ": cannot redirect descriptors 1 and 2: " + descriptors.unavailable()
        + "; only System.out and System.err are carried to the pool, and raw writes to descriptor 1 "
        + (endpoint.usesStandardOutput() ? "end the worker" : "bypass the pool's System.out"));
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
