package io.procpool.transport.inprocess;

import com.google.inject.AbstractModule;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLauncher;

/**
 * Selects the in-process transport: workers are threads of this JVM, and tasks and results still
 * travel serialized, through memory. This is Python's {@code multiprocessing.pool.ThreadPool}:
 * the pool's API for I/O-bound work, and for tests that need no process.
 *
 * <p>What it does not give, as threads share one JVM: a task that never returns cannot be
 * stopped (a timeout or {@code cancel(true)} fails it and replaces the worker, but its thread
 * runs on); a crash ({@code System.exit}, an {@code OutOfMemoryError}) is the pool's crash;
 * workers have no JVM options, system properties, environment or working directory of their
 * own; {@code CurrentProcess.pid()} is the pool's. What tasks print goes straight to
 * {@code System.out} and {@code System.err}. Only binds; starts nothing.
 */
public final class InProcessTransportModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(Transport.class).toProvider(InProcessTransport::new);
    bind(WorkerLauncher.class).toProvider(InProcessLauncher::new);
  }
}
