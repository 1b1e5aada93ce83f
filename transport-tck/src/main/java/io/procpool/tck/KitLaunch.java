package io.procpool.tck;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import io.procpool.CurrentProcess;
import io.procpool.core.internal.launch.LocalProcessLauncher;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts a worker JVM for the kit's direct SPI tests as a pool would: a spec the transport
 * configures, launched by the transport module's own {@link WorkerLauncher} if it binds one, else
 * by the core's local launcher.
 */
final class KitLaunch {
  private KitLaunch() {}

  /** The transport its module makes, outside any pool. */
  static Transport transportOf(Module transportModule) {
    return Guice.createInjector(transportModule).getInstance(Transport.class);
  }

  static WorkerProcess launch(Module transportModule, Transport transport, String name, Class<?> mainClass)
      throws IOException {
    WorkerLaunchSpec spec = new WorkerLaunchSpec(name)
        .javaExecutable(Path.of(System.getProperty("java.home"), "bin", "java").toString())
        .mainClass(mainClass.getName());
    spec.classPath().addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    spec.systemProperties().put(CurrentProcess.NAME_PROPERTY, name); // also how Pools finds leftovers
    transport.configure(spec);
    var bound = Guice.createInjector(transportModule).getExistingBinding(Key.get(WorkerLauncher.class));
    WorkerLauncher launcher = bound != null ? bound.getProvider().get() : new LocalProcessLauncher();
    return launcher.launch(spec);
  }
}
