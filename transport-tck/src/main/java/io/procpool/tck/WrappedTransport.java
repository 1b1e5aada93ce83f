package io.procpool.tck;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;

/**
 * The transport under test, made by its own module and wrapped by a kit test for one pool:
 * {@link #module()} is that module with the wrapper in place of its {@link Transport}, so its other
 * bindings (a {@code WorkerLauncher} of its own) stay as they are. Subclasses say what they add
 * to {@code connect}.
 */
abstract class WrappedTransport implements Transport {
  /** The transport as its module makes it. */
  final Transport transport;
  private final Module module;

  WrappedTransport(Module transportModule) {
    this.transport = KitLaunch.transportOf(transportModule);
    this.module = Modules.override(transportModule).with(binder -> binder.bind(Transport.class).toInstance(this));
  }

  /** The module to build the test's one pool with. */
  final Module module() {
    return module;
  }

  @Override
  public void configure(WorkerLaunchSpec spec) {
    transport.configure(spec);
  }

  @Override
  public void shutdown() {
    transport.shutdown();
  }
}
