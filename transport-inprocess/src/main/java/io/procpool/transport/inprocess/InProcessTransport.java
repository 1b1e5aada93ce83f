package io.procpool.transport.inprocess;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerProcess;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The pool's side of the in-process transport: it connects to the workers its launcher started. */
final class InProcessTransport implements Transport {
  /** Workers connected and not yet exited. */
  private final Set<InProcessWorker> connected = ConcurrentHashMap.newKeySet();

  @Override
  public void configure(WorkerLaunchSpec spec) {
    // The runtime is handed its endpoint by the launcher; the name says which one it is.
    spec.endpointClass(InProcessWorker.class.getName() + "$Endpoint");
  }

  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    if (!(worker instanceof InProcessWorker inProcess)) {
      return refuse(worker, listener);
    }
    connected.add(inProcess);
    inProcess.exitCode().whenComplete((status, failure) -> connected.remove(inProcess));
    return inProcess.connect(listener);
  }

  /** A worker some other launcher started cannot be reached through memory. */
  private static Connection refuse(WorkerProcess worker, ConnectionListener listener) {
    FrameRelay nowhere = new FrameRelay("procpool-inprocess-refused-" + worker.name(), null);
    nowhere.start(listener);
    nowhere.end(new IllegalStateException(worker + " was not started by the in-process transport's"
        + " launcher, so it cannot be reached through memory; bind no other WorkerLauncher with"
        + " InProcessTransportModule"));
    return new InProcessConnection(nowhere, nowhere);
  }

  /** Every worker has exited by now; ends what is still open, each with its one onClosed. */
  @Override
  public void shutdown() {
    connected.forEach(InProcessWorker::endConnection);
    connected.clear();
  }
}
