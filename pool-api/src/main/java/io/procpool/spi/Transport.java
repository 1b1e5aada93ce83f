package io.procpool.spi;

/**
 * The parent side of a way of talking to workers. A pool makes one instance (through Guice) and
 * uses it for every worker it starts, replacements included.
 *
 * <p>Life cycle of one worker connection, as the core drives it:
 * <ol>
 *   <li>{@link #configure} adds to the worker's launch whatever the worker needs to reach this
 *       transport (a system property naming the {@link WorkerEndpoint}, an address);</li>
 *   <li>the {@link WorkerLauncher} starts the process;</li>
 *   <li>{@link #connect} begins talking to it and returns at once; the worker's first frame
 *       arriving at the listener is the sign that the connection is up;</li>
 *   <li>frames flow both ways until either side closes, the process dies, or the transport
 *       detects a fault; then {@link ConnectionListener#onClosed} is called once, with the reason.</li>
 * </ol>
 *
 * <p>Methods are called from the pool's threads, never concurrently for the same worker:
 * {@link #configure} and {@link #connect} for a replacement worker on the pool's launch thread,
 * never inside a {@link ConnectionListener} callback. Nothing here may wait for another call of
 * the transport to finish. A module that also implements {@link EarlyLaunchModule} has the pool's
 * first workers launched before this is built, and configured by the module instead.
 *
 * <p>An implementation is bound in a Guice module that only binds, without a scope: each pool
 * builds its own injector and asks it for one {@code Transport}, so an instance serves exactly one
 * pool. Never bind {@code toInstance}: one module object may be given to several pools.
 * Construction must be cheap and start nothing. Open listening sockets and threads lazily, when the first worker is
 * connected, and release them in {@link #shutdown}.
 */
public interface Transport {

  /**
   * Adds what the worker needs to reach this transport to its launch specification: at least
   * {@link WorkerLaunchSpec#endpointClass(String)}, and the standard output mode if the transport
   * needs it. Must not block or start anything. Nothing secret goes here: system properties end
   * up on the command line, which other users can read; see {@link WorkerProcess#stdin()}.
   *
   * @param spec the worker's launch specification, to which this adds
   */
  void configure(WorkerLaunchSpec spec);

  /**
   * Starts talking to a launched worker. Returns at once; may do I/O on threads of its own.
   * The core sends nothing on the returned connection before the first frame from the worker has
   * reached {@code listener}, so a transport need not buffer frames before the worker is there.
   * Failure to connect (the worker never calls back, or fails authentication) is reported through
   * {@link ConnectionListener#onClosed}, never thrown.
   *
   * @param worker the launched worker, whose exit the core watches separately
   * @param listener receives the worker's frames and, exactly once, the close
   * @return the pool's side of the connection, PENDING until the worker connects
   */
  Connection connect(WorkerProcess worker, ConnectionListener listener);

  /**
   * Releases what the transport holds for the pool (listening sockets, threads, files). Called
   * once, after every worker process has exited; but a connection may not have reported
   * {@code onClosed} yet (after {@code terminate()} the core does not wait for that), and the
   * core may still call {@link Connection#close()} afterwards. So: close what is still open,
   * report {@code onClosed} for it (with a {@code null} reason, unless it had already failed),
   * and make later calls harmless. Must not throw.
   */
  void shutdown();
}
