package io.procpool.core.internal.pool;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.core.internal.wire.ThrowableCodec;
import io.procpool.core.internal.wire.Wire;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerProcess;
import java.io.PrintStream;
import java.util.ArrayDeque;

/**
 * The pool's side of one worker: the tasks it holds, in the order it runs them, and an
 * {@link Outbox} of messages. Whoever finds the outbox idle writes it, with everything queued
 * since; so tasks submitted while a frame is being written go out together, without a thread of
 * our own.
 */
public final class WorkerHandle implements ConnectionListener {
  final String name;
  final WorkerProcess process;
  private final Scheduler scheduler;
  private volatile Connection connection;

  /** Tasks sent to this worker and not yet answered, oldest (the running one) first. Scheduler's lock. */
  final ArrayDeque<PendingTask> inFlight = new ArrayDeque<>();
  /** Whether the worker said hello and may be given tasks. Scheduler's lock. */
  boolean ready;
  /** Whether it runs a task sent to it idle on the thread that read it (it said so in hello). */
  volatile boolean runsTasksHere;
  /** Whether its first task in flight went as TASK_HERE: it gets no other until that is answered. Scheduler's lock. */
  boolean headSentHere;
  /** Whether the pool closed this worker on purpose. Scheduler's lock. */
  boolean retiring;
  /** How many tasks it has been given, for maxTasksPerChild. Scheduler's lock. */
  int assigned;
  /** Whether a replacement was started for it already (it did its share). Scheduler's lock. */
  boolean replaced;
  /** Why the pool killed it while its head task ran (timeout, cancel), if it did. Scheduler's lock. */
  RuntimeException headFailure;

  private final Object outboxLock = new Object();
  private final Outbox outbox = new Outbox();
  private boolean writing;

  WorkerHandle(WorkerProcess process, Scheduler scheduler) {
    this.name = process.name();
    this.process = process;
    this.scheduler = scheduler;
  }

  void attach(Connection connection) {
    this.connection = connection;
    flush(); // tasks may have been assigned between hello and now
  }

  /**
   * Queues a task message for this worker; {@link #flush()} sends it. {@code here}: the worker is
   * idle and will get nothing else until it answers, so it may run the task on its reader thread.
   */
  void enqueue(PendingTask task, boolean here) {
    synchronized (outboxLock) {
      Wire.writeTask(outbox.forMessageOf(task.invocation.length + 16), task.id, task.invocation, here);
    }
  }

  /** Queues the pool's initializer, to run before any task. */
  void enqueueInitializer(byte[] initializer) {
    synchronized (outboxLock) {
      Output out = outbox.forMessageOf(initializer.length + 8);
      Wire.writeInit(out, initializer);
    }
  }

  /** Queues word that the worker should skip a task it has not begun. */
  void enqueueCancel(long taskId) {
    synchronized (outboxLock) {
      Output out = outbox.forMessageOf(10);
      Wire.writeCancel(out, taskId);
    }
  }

  /** Sends what the outbox holds, unless another thread is already doing so. */
  void flush() {
    Connection target = connection;
    if (target == null) {
      return;
    }
    while (true) {
      byte[] frame;
      synchronized (outboxLock) {
        if (writing) {
          return;
        }
        frame = outbox.takeFrame();
        if (frame == null) {
          return;
        }
        writing = true;
      }
      try {
        target.send(frame);
      } finally {
        synchronized (outboxLock) {
          writing = false;
        }
      }
    }
  }

  void close() {
    Connection target = connection;
    if (target != null) {
      target.close();
    }
  }

  /** A message from the worker the pool could not make sense of; ends the worker. */
  private volatile RuntimeException protocolFailure;

  @Override
  public void onFrame(byte[] frame) {
    if (protocolFailure != null) {
      return;
    }
    try {
      readMessages(frame);
    } catch (RuntimeException e) {
      protocolFailure = e;
      process.kill();
      close();
    }
  }

  /** Frames come one at a time (the SPI's rule), so one Input serves them all. */
  private final Input frameReader = new Input();

  private void readMessages(byte[] frame) {
    Wire.readFromWorker(frame, frameReader, name, messages);
  }

  /** What each message from the worker means to the pool; one instance, as frames are many. */
  private final Wire.FromWorker messages = new Wire.FromWorker() {
    @Override
    public void hello(long pid, String name, boolean runsTasksHere) {
      WorkerHandle.this.runsTasksHere = runsTasksHere;
      scheduler.onReady(WorkerHandle.this);
    }

    @Override
    public void outcome(byte kind, long id, long nanos, byte[] payload) {
      scheduler.onOutcome(WorkerHandle.this, id, nanos, kind, payload);
    }

    @Override
    public void output(byte stream, byte[] text) {
      printOutput(stream, text);
    }

    @Override
    public void initializerFailed(byte[] exception) {
      scheduler.onInitializerFailed(WorkerHandle.this, ThrowableCodec.decode(exception));
    }
  };

  private static void printOutput(byte stream, byte[] text) {
    PrintStream target = stream == Wire.STDERR ? System.err : System.out;
    target.write(text, 0, text.length);
    target.flush();
  }

  @Override
  public void onClosed(Throwable reason) {
    scheduler.onClosed(this, reason != null ? reason : protocolFailure);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
