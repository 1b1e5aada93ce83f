package io.procpool.transport.netty;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerProcess;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands between a transport and the core of a live pool and keeps every frame the transport hands
 * the core, and the name of every worker it connects: what a test needs to show that a stranger's
 * bytes never reached the core's decoder.
 */
final class CoreFrameTap implements Transport {
  private final Transport transport;
  private final List<byte[]> frames = new CopyOnWriteArrayList<>();
  private final List<String> connected = new CopyOnWriteArrayList<>();

  CoreFrameTap(Transport transport) {
    this.transport = transport;
  }

  @Override
  public void configure(WorkerLaunchSpec spec) {
    transport.configure(spec);
  }

  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    connected.add(worker.name());
    return transport.connect(worker, new ConnectionListener() {
      @Override
      public void onFrame(byte[] frame) {
        frames.add(frame.clone());
        listener.onFrame(frame);
      }

      @Override
      public void onClosed(Throwable reason) {
        listener.onClosed(reason);
      }
    });
  }

  @Override
  public void shutdown() {
    transport.shutdown();
  }

  /** How many frames the core has been handed so far. */
  int frameCount() {
    return frames.size();
  }

  /** The frames the core was handed from the {@code from}th on. */
  List<byte[]> framesSince(int from) {
    return List.copyOf(frames.subList(from, frames.size()));
  }

  /** The workers the core asked to connect, in order. */
  List<String> connectedWorkers() {
    return List.copyOf(connected);
  }
}
