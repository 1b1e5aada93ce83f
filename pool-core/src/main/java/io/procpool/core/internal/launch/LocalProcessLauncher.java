package io.procpool.core.internal.launch;

import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a worker as a child process of this JVM. The class path goes in the {@code CLASSPATH}
 * variable rather than on the command line, where it would be long and visible in {@code ps}.
 */
public final class LocalProcessLauncher implements WorkerLauncher {

  @Override
  public WorkerProcess launch(WorkerLaunchSpec spec) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(spec.command());
    WorkerJvmOptions.putInto(builder.environment(), spec.environment());
    builder.environment().put("CLASSPATH", String.join(File.pathSeparator, spec.classPath()));
    if (spec.workingDirectory() != null) {
      builder.directory(spec.workingDirectory().toFile());
    }
    builder.redirectError(ProcessBuilder.Redirect.PIPE); // copied to System.err, its tail kept: StderrTail
    builder.redirectOutput(spec.stdout() == WorkerLaunchSpec.Stdout.PIPE
        ? ProcessBuilder.Redirect.PIPE
        : ProcessBuilder.Redirect.INHERIT);
    try {
      return new LocalWorkerProcess(spec.workerName(), builder.start(),
          spec.stdout() == WorkerLaunchSpec.Stdout.PIPE);
    } catch (IOException e) {
      throw new IOException("Cannot start worker " + spec.workerName() + " with "
          + spec.javaExecutable() + ": " + e.getMessage(), e);
    }
  }

  private static final class LocalWorkerProcess implements WorkerProcess {
    private final String name;
    private final Process process;
    private final CompletableFuture<Integer> exitCode;
    private final boolean stdoutPiped;

    private final StderrTail stderr;

    LocalWorkerProcess(String name, Process process, boolean stdoutPiped) {
      this.name = name;
      this.process = process;
      this.stderr = StderrTail.follow(process.getErrorStream(), name);
      this.stdoutPiped = stdoutPiped;
      this.exitCode = process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public String name() {
      return name;
    }

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
      return stdoutPiped ? process.getInputStream() : null;
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
      return exitCode;
    }

    @Override
    public List<String> lastStderrLines() {
      return stderr.lastLines();
    }

    @Override
    public List<String> stderrLinesSoFar() {
      return stderr.linesSoFar();
    }

    /** Kills the worker and whatever its tasks started, so nothing is orphaned. */
    @Override
    public void kill() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
