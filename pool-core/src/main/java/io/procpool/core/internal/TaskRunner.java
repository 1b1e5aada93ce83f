package io.procpool.core.internal;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.core.internal.Invocations.Invocation;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The worker's loop: tasks arrive on the transport's thread and queue here; the main thread runs
 * them one at a time, in order, and answers each before it starts the next. That last rule is
 * what lets the pool requeue, untouched, the tasks a dead worker had not answered but the first.
 */
final class TaskRunner implements ConnectionListener {
  private record Job(long id, byte[] invocation) {}

  private final String name;
  private final PrintStream realErr;
  private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
  private final Object sendLock = new Object();
  private final Output out = new Output(4096, -1);
  private Connection connection;
  private CapturedOutput capturedOut;
  private CapturedOutput capturedErr;

  TaskRunner(String name, PrintStream realErr) {
    this.name = name;
    this.realErr = realErr;
  }

  /** Points System.out and System.err into the protocol. */
  void captureStandardStreams() {
    capturedOut = new CapturedOutput(this, true);
    capturedErr = new CapturedOutput(this, false);
    System.setOut(new PrintStream(capturedOut, true));
    System.setErr(new PrintStream(capturedErr, true));
  }

  /** Says hello, then runs tasks until the connection closes (which ends the process). */
  void run(Connection connection) throws InterruptedException {
    synchronized (sendLock) {
      this.connection = connection;
      Wire.writeHello(out, ProcessHandle.current().pid(), name);
      sendWithOutput();
    }
    while (true) {
      execute(jobs.take());
    }
  }

  private void execute(Job job) {
    long start = System.nanoTime();
    byte kind;
    byte[] payload;
    try {
      Invocation invocation = (Invocation) KryoCodec.get().decode(job.invocation(), "the task");
      Object value = invocation.invoke();
      payload = KryoCodec.get().encode(value, "the task's result");
      kind = Wire.RESULT;
    } catch (Throwable e) {
      payload = ThrowableCodec.encode(e);
      kind = Wire.FAILURE;
    }
    long nanos = System.nanoTime() - start;
    synchronized (sendLock) {
      appendOutput();
      Wire.writeOutcome(out, kind, job.id(), nanos, payload);
      sendWithOutput();
    }
  }

  /** Sends what tasks have printed so far. */
  void flushOutput() {
    synchronized (sendLock) {
      if (connection != null) {
        sendWithOutput();
      }
    }
  }

  private void sendWithOutput() {
    appendOutput();
    if (out.position() > 0) {
      byte[] frame = out.toBytes();
      out.reset();
      connection.send(frame);
    }
  }

  private void appendOutput() {
    append(capturedOut, Wire.STDOUT);
    append(capturedErr, Wire.STDERR);
  }

  private void append(CapturedOutput captured, byte stream) {
    byte[] text = captured == null ? null : captured.drain();
    if (text != null) {
      Wire.writeOutput(out, stream, text, text.length);
    }
  }

  @Override
  public void onFrame(byte[] frame) {
    Input in = new Input(frame);
    while (Wire.hasMore(in)) {
      byte kind = in.readByte();
      if (kind != Wire.TASK) {
        realErr.println("procpool worker " + name + ": unknown message type " + kind + "; exiting");
        Runtime.getRuntime().halt(4);
      }
      jobs.add(new Job(in.readVarLong(true), Wire.readBytes(in)));
    }
  }

  @Override
  public void onClosed(Throwable reason) {
    if (reason != null) {
      realErr.println("procpool worker " + name + ": connection to the pool failed: " + reason.getMessage());
    }
    Runtime.getRuntime().halt(0); // the pool is gone or done with us: nothing left to do
  }
}
