package io.procpool.tck;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import io.procpool.CurrentProcess;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a worker JVM for the kit's direct SPI tests as a pool would: a spec the transport
 * configures, launched by the transport module's own {@link WorkerLauncher} if it binds one, else
 * as a local child process (the core's way, which the kit does not reach into).
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
    return bound != null ? bound.getProvider().get().launch(spec) : local(spec);
  }

  private static WorkerProcess local(WorkerLaunchSpec spec) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(spec.command());
    builder.environment().putAll(spec.environment());
    builder.environment().put("CLASSPATH", String.join(File.pathSeparator, spec.classPath()));
    if (spec.workingDirectory() != null) {
      builder.directory(spec.workingDirectory().toFile());
    }
    boolean piped = spec.stdout() == WorkerLaunchSpec.Stdout.PIPE;
    builder.redirectOutput(piped ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT);
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new LocalWorker(spec.workerName(), builder.start(), piped);
  }

  private record LocalWorker(String name, Process process, boolean piped) implements WorkerProcess {
    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public OutputStream stdin() {
      return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
      return piped ? process.getInputStream() : null;
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
      return process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public void kill() {
      process.destroyForcibly();
    }
  }
}
