package io.procpool.transport.pipes;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerEndpoint;
import java.io.InputStream;
import java.io.OutputStream;

/** The worker side of the pipes transport. Public for the worker JVM to create it by name. */
public final class PipesWorkerEndpoint implements WorkerEndpoint {

  @Override
  public Connection open(InputStream stdin, OutputStream stdout, ConnectionListener listener) {
    int maxFrameBytes = Integer.getInteger(PipesTransport.MAX_FRAME_BYTES, PipesTransportModule.DEFAULT_MAX_FRAME_BYTES);
    return new PipesConnection("the pool", stdin, stdout, listener, maxFrameBytes).start("procpool-pipes-reader");
  }

  @Override
  public boolean usesStandardOutput() {
    return true;
  }

  /** Frames are read on a thread of their own, and sending writes stdout from the caller's thread. */
  @Override
  public boolean onFrameMayRunTasks() {
    return true;
  }
}
