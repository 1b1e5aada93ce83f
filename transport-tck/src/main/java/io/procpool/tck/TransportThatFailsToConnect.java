package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerProcess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport under test, broken for one worker: its {@code connect} throws, which the SPI
 * forbids but a buggy plugin does. {@link #module()} keeps the module's other bindings.
 */
final class TransportThatFailsToConnect extends WrappedTransport {
  private final AtomicInteger connects = new AtomicInteger();
  private final int failing;

  /** @param failing which connect throws, counting from 1 */
  TransportThatFailsToConnect(Module transportModule, int failing) {
    super(transportModule);
    this.failing = failing;
  }

  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    if (connects.incrementAndGet() == failing) {
      throw new IllegalStateException("a broken transport cannot connect " + worker.name());
    }
    return transport.connect(worker, listener);
  }

  int connects() {
    return connects.get();
  }
}
