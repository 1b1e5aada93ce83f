package io.procpool.core.internal.pool;

import com.google.inject.AbstractModule;
import io.procpool.core.internal.launch.LocalProcessLauncher;
import io.procpool.spi.WorkerLauncher;

/**
 * The core's own bindings; a transport's module may override the launcher. Bound to a provider
 * rather than to the class: a class binding makes Guice generate a "fast class" for its
 * constructor with its bundled ASM, whose first use in a JVM is a cold parent's ~100 ms before
 * its first task (JDK 25 with an AOT cache; bench/LOG.md, "Guice's class generation at start").
 */
public final class CoreModule extends AbstractModule {
  @Override
  protected void configure() {
    bind(WorkerLauncher.class).toProvider(LocalProcessLauncher::new);
  }
}
