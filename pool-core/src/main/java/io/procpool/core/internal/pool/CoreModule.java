package io.procpool.core.internal.pool;

import com.google.inject.AbstractModule;
import io.procpool.core.internal.launch.LocalProcessLauncher;
import io.procpool.spi.WorkerLauncher;

/** The core's own bindings; a transport's module may override the launcher. */
public final class CoreModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(WorkerLauncher.class).to(LocalProcessLauncher.class);
  }
}
