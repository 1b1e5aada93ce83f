package io.procpool.core.internal;

import com.google.inject.AbstractModule;
import io.procpool.spi.WorkerLauncher;

/** The core's own bindings; a transport's module may override the launcher. */
final class CoreModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(WorkerLauncher.class).to(LocalProcessLauncher.class);
  }
}
