package io.procpool.transport.netty;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The worker side of the Netty transport. Public only so that the worker JVM can create it by
 * name; reads its launch ticket from standard input, then connects to the pool over a socket
 * (a plain JDK one: see {@link WorkerSocketConnection}).
 */
public final class NettyWorkerEndpoint implements WorkerEndpoint {

  /** Loads the MAC's provider before it reads its ticket, while the pool may still be opening its socket. */
  @Override
  public Connection open(InputStream stdin, OutputStream stdout, ConnectionListener listener) throws IOException {
    Handshake.prepare();
    return WorkerSocketConnection.connect(LaunchTicket.readFrom(stdin), listener);
  }

  /**
   * False: the socket carries the frames. What the worker prints still reaches the pool's
   * System.out/err, inside the protocol, as on every transport.
   */
  @Override
  public boolean usesStandardOutput() {
    return false;
  }

  /** True: a worker's connection has a reader thread of its own, and sends write from the caller. */
  @Override
  public boolean onFrameMayRunTasks() {
    return true;
  }
}
