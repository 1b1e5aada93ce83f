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

  /**
   * A PrintStream over this that a task cannot close: closing System.out, as some libraries do
   * when they are done with a stream they were handed, would otherwise silence every later task
   * of this worker. Closing it flushes.
   */
  PrintStream printStream() {
    return new PrintStream(this, true) {
      @Override
      public void close() {
        flush();
      }
    };
  }

  boolean isStdout() {
    return stdout;
  }
}
