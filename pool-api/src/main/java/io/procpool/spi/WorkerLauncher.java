package io.procpool.spi;

import java.io.IOException;

/**
 * Brings a worker process into existence. The core's default runs a local {@code java}; a
 * transport for workers elsewhere (another machine, a cluster engine) binds its own in its Guice
 * module.
 *
 * <p>A launcher that holds resources of its own (a connection to a cluster, say) implements
 * {@link AutoCloseable}: the pool closes it once, after its last worker has exited and its
 * transport has shut down.
 */
public interface WorkerLauncher {

  /**
   * Starts a worker as the specification says and returns at once, without waiting for the
   * worker to connect. Called from the pool's threads; may take as long as starting a process does.
   *
   * @param spec what to run: the command's parts, the worker's name, how to treat standard output
   * @return the started worker
   * @throws IOException if the process could not be started; the message names the command
   */
  WorkerProcess launch(WorkerLaunchSpec spec) throws IOException;
}
