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
   * @param stdout the process's real standard output, as a private descriptor: before any user
   *     code runs, a worker process points descriptors 1 and 2 (and {@code System.out} and
   *     {@code System.err}) at pipes of its own, whose bytes it sends to the pool as output
   *     messages, so only the endpoint writes here. Where that redirection cannot be made (Windows,
   *     or a JVM that does not open the JDK's descriptor calls to the worker) this is descriptor 1 itself, and only
   *     {@code System.out}/{@code System.err} are captured
   * @param listener receives the frames the pool sends and the close
   * @return the worker's side of the connection, OPEN
   * @throws IOException if the pool cannot be reached
   */
  Connection open(InputStream stdin, OutputStream stdout, ConnectionListener listener) throws IOException;

  /**
   * Whether this endpoint's frames travel over the real standard output (the {@code stdout} that
   * {@link #open} gets). What tasks print reaches the pool inside the protocol either way, and the
   * pool prints it to its {@code System.out}/{@code System.err}, in order, before the task's
   * result. It matters where descriptor 1 cannot be redirected: stray bytes written there then
   * corrupt this endpoint's frames, and the worker says so in its start-up warning. Workers that
   * are threads of the pool's JVM ({@link InProcessWorkerRuntime}) refuse an endpoint that says
   * true, as their standard output is the pool's.
   *
   * @return true if the frames are written to the process's standard output
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
   *
   * @return true if a task may run inside {@code onFrame} on this connection's reader thread
   */
  default boolean onFrameMayRunTasks() {
    return false;
  }
}
