package io.procpool.core.internal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A worker process's standard error: copied to this JVM's {@code System.err} as it comes, with
 * its last lines kept, so that a worker that cannot start (a bad JVM option) or that dies is
 * explained by what it said, quoted in the error, not pointed at. Once a worker runs, what its
 * tasks write to descriptor 2 travels in the protocol; what comes here is the JVM's own start-up
 * errors and the worker's last words.
 */
final class StderrTail implements Runnable {
  static final int LINES = 20;
  /** How long a finished process's last bytes may take to arrive before the tail is read anyway. */
  private static final long EOF_PATIENCE_MILLIS = 500;

  private final InputStream stderr;
  private final LastLines lines = new LastLines(LINES);
  private final CountDownLatch ended = new CountDownLatch(1);

  private StderrTail(InputStream stderr) {
    this.stderr = stderr;
  }

  /** Starts copying {@code stderr} on a daemon thread of its own, which ends with the stream. */
  static StderrTail follow(InputStream stderr, String workerName) {
    StderrTail tail = new StderrTail(stderr);
    Thread thread = new Thread(tail, "procpool-stderr-" + workerName);
    thread.setDaemon(true);
    thread.start();
    return tail;
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try (stderr) {
      for (int n; (n = stderr.read(buffer)) > 0; ) {
        PrintStream err = System.err; // looked up each time: the host may have redirected it
        err.write(buffer, 0, n);
        err.flush();
        lines.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the process is gone; what was read is kept
    } finally {
      lines.endLine();
      ended.countDown();
    }
  }

  /**
   * The last lines, once the stream has ended or after a short wait for it: called when the
   * process has exited or its connection closed, its last bytes may still be on their way.
   */
  List<String> lastLines() {
    try {
      ended.await(EOF_PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return lines.lines();
  }

  /** The last lines that have arrived, at once: the process may be running. */
  List<String> linesSoFar() {
    return lines.lines();
  }
}
