package io.procpool.transport.pipes;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerProcess;

/** The parent side of the pipes transport: frames over each worker's stdin and stdout. */
final class PipesTransport implements Transport {
  static final String MAX_FRAME_BYTES = "procpool.pipes.maxFrameBytes";

  private final int maxFrameBytes;

  PipesTransport(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public void configure(WorkerLaunchSpec spec) {
    configure(spec, maxFrameBytes);
  }

  /** What a worker's launch needs, here and in the module's early launch alike. */
  static void configure(WorkerLaunchSpec spec, int maxFrameBytes) {
    spec.endpointClass(PipesWorkerEndpoint.class.getName());
    spec.stdout(WorkerLaunchSpec.Stdout.PIPE);
    spec.systemProperties().put(MAX_FRAME_BYTES, Integer.toString(maxFrameBytes));
  }

  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    String peer = "worker " + worker.name() + " (pid " + worker.pid() + ")";
    if (worker.stdin() == null || worker.stdout() == null) {
      throw new IllegalArgumentException(peer + " has no " + (worker.stdin() == null ? "stdin" : "stdout")
          + ": the pipes transport talks to workers through both, so their launcher must pipe them");
    }
    return new PipesConnection(peer, worker.stdout(), worker.stdin(), listener, maxFrameBytes)
        .start("procpool-pipes-" + worker.name());
  }

  @Override
  public void shutdown() {
    // nothing shared: each connection's thread ends with its pipes
  }
}
