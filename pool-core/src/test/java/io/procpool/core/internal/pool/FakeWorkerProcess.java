package io.procpool.core.internal.pool;

import io.procpool.spi.WorkerProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A worker process that is only a name: killing it ends it with exit code 137, unless told to keep its exit unknown. */
final class FakeWorkerProcess implements WorkerProcess {
  static final int KILLED = 137;

  private final String name;
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
  private boolean exitStaysUnknown;
  private int kills;
  private volatile List<String> stderr = List.of();

  FakeWorkerProcess(String name) {
    this.name = name;
  }

  /** Its exit code never arrives, as when the launcher cannot tell. */
  FakeWorkerProcess exitStaysUnknown() {
    exitStaysUnknown = true;
    return this;
  }

  /** What its JVM wrote to standard error, as its launcher would keep it. */
  FakeWorkerProcess wroteToStderr(String... lines) {
    stderr = List.of(lines);
    return this;
  }

  boolean killed() {
    return kills > 0;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long pid() {
    return 4242;
  }

  @Override
  public OutputStream stdin() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public InputStream stdout() {
    return null;
  }

  @Override
  public CompletableFuture<Integer> exitCode() {
    return exitCode;
  }

  @Override
  public List<String> lastStderrLines() {
    return stderr;
  }

  @Override
  public List<String> stderrLinesSoFar() {
    return stderr;
  }

  @Override
  public synchronized void kill() {
    kills++;
    if (!exitStaysUnknown) {
      exitCode.complete(KILLED);
    }
  }
}
