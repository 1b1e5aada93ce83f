package io.procpool.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The worker side of a transport. The worker JVM creates it through its public no-argument
 * constructor, from the class name that {@link Transport#configure} put in the launch
 * specification, and opens it once.
 */
public interface WorkerEndpoint {

  /**
   * Connects to the pool and returns the connection. May block until connected. Called on the
   * worker's main thread before any task runs.
   *
   * @param stdin the process's real standard input
   * @param stdout the process's real standard output; the worker has already pointed
   *     {@code System.out} elsewhere if {@link #usesStandardOutput()} is true, so only the
   *     endpoint writes here
   * @param listener receives the frames the pool sends and the close
   */
  Connection open(InputStream stdin, OutputStream stdout, ConnectionListener listener) throws IOException;

  /**
   * Whether this endpoint's frames travel over the process's standard output. If so the worker
   * carries what tasks print with {@code System.out} and {@code System.err} to the pool inside
   * the protocol, and the pool prints it; otherwise the worker's standard streams stay as they
   * were inherited.
   */
  boolean usesStandardOutput();

  /**
   * Whether {@link ConnectionListener#onFrame} may block for as long as a task runs. Say true
   * only if this connection's frames are read on a thread of its own that nothing else waits for,
   * and {@link Connection#send} works from that thread while it is inside {@code onFrame}. The
   * worker then runs a task that reaches it idle on that thread, instead of handing it to its
   * main thread: one thread wake-up fewer per blocking call (about 5 us of a 25 us
   * {@code apply} over pipes). The pool sends such a worker nothing else until it answers, so
   * nothing waits unread meanwhile. Default: false, every task is handed over.
   */
  default boolean onFrameMayRunTasks() {
    return false;
  }
}
