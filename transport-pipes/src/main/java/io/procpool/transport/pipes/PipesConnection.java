package io.procpool.transport.pipes;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a pair of pipes. A daemon thread reads frames and hands them to the listener; the
 * core's threads write. Either side's end of stream or error ends the connection, and the reader
 * thread reports it once.
 */
final class PipesConnection implements Connection {
  private static final System.Logger LOG = System.getLogger(PipesConnection.class.getPackageName());
  private static final int STUCK_READER_GRACE_SECONDS = 3;
  /**
   * Times that grace: one daemon thread, gone a second after its last report, instead of the JDK's
   * shared delayer, whose thread ignores interruption and never ends, so that {@code mvn exec:java}
   * waited 15 s for it after every program.
   */
  private static final ScheduledThreadPoolExecutor GRACE = graceTimer();

  private final String peer;
  private final InputStream in;
  private final OutputStream out;
  private final ConnectionListener listener;
  private final int maxFrameBytes;
  private volatile boolean closed;
  private volatile IOException writeFailure;
  private final AtomicBoolean reported = new AtomicBoolean();
  private volatile ScheduledFuture<?> stuckReaderReport;

  PipesConnection(String peer, InputStream in, OutputStream out, ConnectionListener listener, int maxFrameBytes) {
    this.peer = peer;
    this.in = buffered(in);
    this.out = new BufferedOutputStream(out, 64 * 1024);
    this.listener = listener;
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * A stream that is buffered once. A Process's stdout is a BufferedInputStream already, and one
   * more around it cost each frame a stat and an ioctl besides its read: the inner stream's read,
   * asked for more than one answer's bytes, asks {@code available()} of the pipe before it
   * returns what it has (bench/LOG.md).
   */
  private static InputStream buffered(InputStream in) {
    return in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 64 * 1024);
  }

  /** Writes our preamble and starts reading; returns at once. */
  PipesConnection start(String threadName) {
    synchronized (out) {
      try {
        out.write(PipeFrames.PREAMBLE);
        out.flush();
      } catch (IOException e) {
        failWrite(e);
      }
    }
    Thread reader = new Thread(this::readLoop, threadName);
    reader.setDaemon(true);
    reader.start();
    return this;
  }

  @Override
  public void send(byte[] frame) {
    if (closed) {
      return;
    }
    synchronized (out) {
      try {
        PipeFrames.writeFrame(out, frame);
      } catch (IOException e) {
        failWrite(e);
      }
    }
  }

  /**
   * The peer's limit: the pool passes its own to the worker (a system property), so both sides
   * read with the same.
   */
  @Override
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  @Override
  public void close() {
    closed = true;
    try {
      out.close(); // the peer reads end of stream, finishes, and closes its side
    } catch (IOException e) {
      // already broken: the reader will see it
    }
    // If another process still holds the peer's end open (a child the worker started), the
    // reader never sees end of stream; the connection is reported closed all the same.
    if (!reported.get() && stuckReaderReport == null) {
      stuckReaderReport = GRACE.schedule(() ->
          report(new IOException(peer + " closed, but its pipe stayed open: a process it started may hold it")),
          STUCK_READER_GRACE_SECONDS, TimeUnit.SECONDS);
      if (reported.get()) {
        stuckReaderReport.cancel(false); // the reader reported meanwhile
      }
    }
  }

  private void report(Throwable reason) {
    if (reported.compareAndSet(false, true)) {
      ScheduledFuture<?> stuck = stuckReaderReport;
      if (stuck != null) {
        stuck.cancel(false); // leaves the timer's queue, and its thread ends when idle
      }
      listener.onClosed(reason);
    }
  }

  private static ScheduledThreadPoolExecutor graceTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "procpool-pipes-grace");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
    return timer;
  }

  private void failWrite(IOException e) {
    if (writeFailure == null) {
      writeFailure = new IOException("cannot write to " + peer + ": " + e.getMessage(), e);
    }
    close();
  }

  private void readLoop() {
    Throwable reason = null;
    try {
      PipeFrames.readPreamble(in, peer, this::printedBeforeStart);
      for (byte[] frame; (frame = PipeFrames.readFrame(in, maxFrameBytes, peer)) != null; ) {
        listener.onFrame(frame);
      }
    } catch (IOException | RuntimeException e) {
      reason = e;
    } finally {
      closed = true;
      closeQuietly();
    }
    report(reason != null ? reason : writeFailure);
  }

  /**
   * A line the peer's JVM wrote to its stdout before the worker took that over (only a worker's
   * JVM does: {@code -Xlog:gc} without an output, JFR's start-up message on Java 17). Logged, as
   * the worker's own last words are, rather than printed into the program's System.out.
   */
  private void printedBeforeStart(String line) {
    LOG.log(System.Logger.Level.INFO, "{0} printed on its standard output before the protocol started: {1}", peer, line);
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException e) {
      // nothing more to read either way
    }
    close();
  }
}
