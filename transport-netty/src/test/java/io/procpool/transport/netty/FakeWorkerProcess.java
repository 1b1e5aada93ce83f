package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.spi.WorkerProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A worker that is not a process: what the transport writes to its stdin is kept, so that a test
 * can play the worker in this JVM, or let it "exit" by completing its exit code.
 */
final class FakeWorkerProcess implements WorkerProcess {
  private final String name;
  private final CountDownLatch stdinClosed = new CountDownLatch(1);
  private final ByteArrayOutputStream stdin = new ByteArrayOutputStream() {
    @Override
    public void close() {
      stdinClosed.countDown();
    }
  };
  private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

  FakeWorkerProcess(String name) {
    this.name = name;
  }

  /**
   * What the transport wrote to this worker's standard input, to read as the worker would: once
   * the transport has closed it, as a real worker's read waits for the ticket. (The transport
   * hands it on a thread of its own, after its server is up.)
   */
  InputStream writtenToStdin() {
    try {
      assertTrue(stdinClosed.await(10, TimeUnit.SECONDS), "the transport did not close " + name + "'s stdin within 10 s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return new ByteArrayInputStream(stdin.toByteArray());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long pid() {
    return -1;
  }

  @Override
  public OutputStream stdin() {
    return stdin;
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
  public void kill() {
    exitCode.complete(137);
  }
}
