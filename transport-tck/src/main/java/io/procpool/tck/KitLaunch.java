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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a worker JVM for the kit's direct SPI tests as a pool would: a spec the transport
 * configures, launched by the transport module's own {@link WorkerLauncher} if it binds one, else
 * by the core's local launcher. The launcher is let go of with the worker, as a pool lets go of
 * its own: one that holds something (a cluster's client) is closed.
 */
final class KitLaunch {
  private KitLaunch() {}

  /**
   * The command of one of the kit's programs, in a JVM of its own with this JVM's class path and the
   * kit's {@link TransportTestKit#programSystemProperties()}, for the module it makes from its class
   * name (one of the {@code arguments}).
   */
  static List<String> programCommand(TransportTestKit kit, Class<?> program, String... arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path")));
    kit.programSystemProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add(program.getName());
    command.addAll(List.of(arguments));
    return command;
  }

  /** The transport its module makes, outside any pool. */
  static Transport transportOf(Module transportModule) {
    return Guice.createInjector(transportModule).getInstance(Transport.class);
  }

  /** A worker the kit launched, and the launcher that did: closing kills the one and closes the other. */
  record Launched(WorkerProcess process, WorkerLauncher launcher) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      process.kill();
      try {
        process.exitCode().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // the leak check that follows names a worker still alive
      } finally {
        if (launcher instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
  }

  static Launched launch(Module transportModule, Transport transport, String name, Class<?> mainClass)
      throws IOException {
    WorkerLaunchSpec spec = new WorkerLaunchSpec(name)
        .javaExecutable(Path.of(System.getProperty("java.home"), "bin", "java").toString())
        .mainClass(mainClass.getName());
    spec.classPath().addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    spec.systemProperties().put(CurrentProcess.NAME_PROPERTY, name); // also how Pools finds leftovers
    transport.configure(spec);
    var bound = Guice.createInjector(transportModule).getExistingBinding(Key.get(WorkerLauncher.class));
    WorkerLauncher launcher = bound != null ? bound.getProvider().get() : new LocalProcessLauncher();
    return new Launched(launcher.launch(spec), launcher);
  }
}
