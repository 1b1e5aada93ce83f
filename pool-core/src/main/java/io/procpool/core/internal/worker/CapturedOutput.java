package io.procpool.core.internal.worker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * What a task writes to {@code System.out} or {@code System.err}, held until the next flush (a
 * println, or the task's result) and then sent to the pool inside the protocol, ahead of the result.
 */
public final class CapturedOutput extends OutputStream {
  private final TaskRunner runner;
  private final boolean stdout;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  CapturedOutput(TaskRunner runner, boolean stdout) {
    this.runner = runner;
    this.stdout = stdout;
  }

  @Override
  public synchronized void write(int b) {
    pending.write(b);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    pending.write(bytes, offset, length);
  }

  @Override
  public void flush() {
    runner.flushOutput();
  }

  /** Takes what is pending, or null if nothing is. Called by the runner under its send lock. */
  synchronized byte[] drain() {
    if (pending.size() == 0) {
      return null;
    }
    byte[] text = pending.toByteArray();
    pending.reset();
    return text;
  }

  /** A PrintStream over this that a task cannot close, and whose println is one write. */
  PrintStream printStream() {
    return new TaskPrintStream(this);
  }

  boolean isStdout() {
    return stdout;
  }

  /**
   * System.out or System.err as tasks see them. Closing one, as some libraries do when they are
   * done with a stream they were handed, would otherwise silence every later task of this worker;
   * closing flushes instead.
   *
   * <p>Each println writes its text and line end at once, as the JDK's own PrintStream does: a
   * subclass's inherited println writes them separately, each write flushes (autoflush), and a line
   * sent in two pieces is joined, in the pool's output, to what another worker printed in between.
   */
  static final class TaskPrintStream extends PrintStream {
    TaskPrintStream(OutputStream out) {
      super(out, true);
    }

    @Override
    public void close() {
      flush();
    }

    @Override
    public void println(String x) {
      print(x + System.lineSeparator()); // print(String) holds this stream's lock throughout
    }

    @Override
    public void println(Object x) {
      println(String.valueOf(x));
    }

    @Override
    public void println(char[] x) {
      println(new String(x));
    }

    @Override
    public void println(boolean x) {
      println(String.valueOf(x));
    }

    @Override
    public void println(char x) {
      println(String.valueOf(x));
    }

    @Override
    public void println(int x) {
      println(String.valueOf(x));
    }

    @Override
    public void println(long x) {
      println(String.valueOf(x));
    }

    @Override
    public void println(float x) {
      println(String.valueOf(x));
    }

    @Override
    public void println(double x) {
      println(String.valueOf(x));
    }
  }
}
