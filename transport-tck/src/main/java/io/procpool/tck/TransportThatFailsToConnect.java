package io.procpool.tck;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerProcess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transport under test, broken for one worker: its {@code connect} throws, which the SPI
 * forbids but a buggy plugin does. {@link #module()} keeps the module's other bindings.
 */
final class TransportThatFailsToConnect implements Transport {
  private final Transport transport;
  private final Module module;
  private final AtomicInteger connects = new AtomicInteger();
  private final int failing;

  /** @param failing which connect throws, counting from 1 */
  TransportThatFailsToConnect(Module transportModule, int failing) {
    this.failing = failing;
    this.transport = KitLaunch.transportOf(transportModule);
    this.module = Modules.override(transportModule).with(binder -> binder.bind(Transport.class).toInstance(this));
  }

  Module module() {
    return module;
  }

  @Override
  public void configure(WorkerLaunchSpec spec) {
    transport.configure(spec);
  }

  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    if (connects.incrementAndGet() == failing) {
      throw new IllegalStateException("a broken transport cannot connect " + worker.name());
    }
    return transport.connect(worker, listener);
  }

  @Override
  public void shutdown() {
    transport.shutdown();
  }

  int connects() {
    return connects.get();
  }
}
