package io.procpool.core.internal.pool;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.procpool.core.internal.events.WorkerLife;
import io.procpool.core.internal.launch.LastLines;
import io.procpool.core.internal.wire.ExceptionFilter;
import io.procpool.core.internal.wire.FrameLimit;
import io.procpool.core.internal.wire.ThrowableCodec;
import io.procpool.core.internal.wire.Wire;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerProcess;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool's side of one worker: where it is in its life, the tasks it holds, in the order it runs
 * them, and an {@link Outbox} of messages. Whoever finds the outbox idle writes it, with
 * everything queued since; so tasks submitted while a frame is being written go out together,
 * without a thread of our own.
 *
 * <p>Its life, and what moves it on. Each move is one method, which throws
 * {@link IllegalStateException} if the worker is in no state that move leaves:
 * <pre>
 *                   hello                    the pool kills it: its running
 *   STARTING ─────────────────▶ READY ─────────────────────────────────────▶ STOPPING
 *      │        markReady()       │      task overran or was cancelled          │
 *      │                          │      markStopping(task, reason)             │
 *      │ idle at shutdown;        │ it did its share (maxTasksPerChild);        │
 *      │ terminate()              │ it said it is unfit (RETIRING);             │
 *      │                          │ idle at shutdown; terminate()               │
 *      │ markRetiring()           │ markRetiring()                              │
 *      │                          ▼                                             │
 *      └─────────────────────▶ RETIRING                                         │
 *                                 │                                             │
 *   from any state but CLOSED:    ▼                                             │
 *   its connection closed ───▶ CLOSED ◀─────────────────────────────────────────┘
 *   markClosed()
 * </pre>
 * It becomes READY once it said hello and its connection is attached, in either order (a fast
 * worker's hello may come before {@code connect} has returned): only then is its frame limit known.
 * Only a READY worker is given tasks. A STARTING one that closes is a start failure; a STOPPING
 * one fails its running task with the reason it was stopped for; a RETIRING one is not replaced,
 * as the pool let it go. Apart from its state, one fact is kept on its own:
 * {@link #replacementStarted()}, set once the pool started its successor early because it did its
 * share, while it still runs its last tasks; it is then not replaced again when it leaves, in
 * whatever state. ({@link #headSentHere} and {@link #assigned} are about its tasks, not its life.)
 * All of this is guarded by the scheduler's lock.
 */
public final class WorkerHandle implements ConnectionListener {
  /** How many lines its tasks last printed to standard error are kept, to explain its death. */
  private static final int STDERR_LINES = 10;

  final String name;
  final WorkerProcess process;
  /** Its life as the logs and JFR show it. */
  final WorkerLife life;
  private final Scheduler scheduler;
  private final ExceptionFilter exceptions;
  private volatile Connection connection;
  /** Guards {@link #connection} being set against {@link #closeRequested}, so a close is never missed. */
  private final Object connectionLock = new Object();
  private boolean closeRequested;
  /** The largest frame its connection takes; known once attached. */
  private volatile FrameLimit frameLimit = FrameLimit.NONE;
  /** Hello and attach: once both have happened, in either order, the scheduler hears it is ready. */
  private final AtomicInteger untilReady = new AtomicInteger(2);
  private final AtomicBoolean saidHello = new AtomicBoolean();

  /** Where the worker is in its life; see the class comment. */
  enum State { STARTING, READY, STOPPING, RETIRING, CLOSED }

  /** Tasks sent to this worker and not yet answered, oldest (the running one) first. Scheduler's lock. */
  final ArrayDeque<PendingTask> inFlight = new ArrayDeque<>();
  /** Whether it runs a task sent to it idle on the thread that read it (it said so in hello). */
  volatile boolean runsTasksHere;
  /** Whether its first task in flight went as TASK_HERE: it gets no other until that is answered. Scheduler's lock. */
  boolean headSentHere;
  /** How many tasks it has been given, for maxTasksPerChild. Scheduler's lock. */
  int assigned;
  /** What Pool.stats() counts of it. Scheduler's lock. */
  final WorkerTally tally = new WorkerTally();

  private State state = State.STARTING;
  private boolean replacementStarted;
  /** The task it ran when the pool stopped it, and why it was stopped; set on the way into STOPPING. */
  private PendingTask stoppedTask;
  private RuntimeException stopReason;

  /** What its tasks last wrote to standard error, for the error that reports its death. */
  private final LastLines printedToStderr = new LastLines(STDERR_LINES);

  private final Object outboxLock = new Object();
  private final Outbox outbox = new Outbox();
  /** The large captured values this worker holds; outbox lock. */
  private final SharedWithWorker shared = new SharedWithWorker();
  private boolean writing;

  WorkerHandle(WorkerProcess process, Scheduler scheduler) {
    this(process, scheduler, ExceptionFilter.DEFAULT);
  }

  WorkerHandle(WorkerProcess process, Scheduler scheduler, ExceptionFilter exceptions) {
    this(process, scheduler, exceptions, WorkerLife.launching(process.name(), null));
  }

  /**
   * @param exceptions what the initializer's exception may bring into this process
   * @param life its life so far, from before its launch
   */
  WorkerHandle(WorkerProcess process, Scheduler scheduler, ExceptionFilter exceptions, WorkerLife life) {
    this.name = process.name();
    this.process = process;
    this.life = life;
    this.scheduler = scheduler;
    this.exceptions = exceptions;
  }

  State state() {
    return state;
  }

  /** It said hello: it may be given tasks. */
  void markReady() {
    move(State.READY, State.STARTING);
  }

  /** The pool lets it go: it gets no more tasks and is not replaced when it leaves. */
  void markRetiring() {
    move(State.RETIRING, State.STARTING, State.READY);
  }

  /** The pool kills it because of its running task, which then fails with {@code reason}. */
  void markStopping(PendingTask running, RuntimeException reason) {
    move(State.STOPPING, State.READY);
    stoppedTask = running;
    stopReason = reason;
  }

  /** Its connection closed. Returns the state it was in. */
  State markClosed() {
    State before = state;
    move(State.CLOSED, State.STARTING, State.READY, State.STOPPING, State.RETIRING);
    return before;
  }

  /** Why the pool stopped this worker while it ran {@code task}, or null if it did not. */
  RuntimeException stopReasonFor(PendingTask task) {
    return task == stoppedTask ? stopReason : null;
  }

  /** Whether its running task went as TASK_HERE, so it reads nothing more until it answers. */
  boolean holdsLoneTask() {
    return headSentHere && !inFlight.isEmpty();
  }

  boolean replacementStarted() {
    return replacementStarted;
  }

  /** Its successor is being started early: it did its share and will leave once its tasks are done. */
  void markReplacementStarted() {
    if (replacementStarted) {
      throw new IllegalStateException("a replacement for " + name + " was started already");
    }
    replacementStarted = true;
  }

  private void move(State to, State... from) {
    for (State allowed : from) {
      if (state == allowed) {
        state = to;
        return;
      }
    }
    throw new IllegalStateException(name + " cannot go from " + state + " to " + to);
  }

  /** Its connection, from {@code connect}: now its frame limit is known, and it may become ready. */
  void attach(Connection connection) {
    FrameLimit limit = FrameLimit.of(connection.maxFrameBytes());
    synchronized (outboxLock) {
      outbox.limitFramesTo(limit.bytes());
    }
    frameLimit = limit;
    boolean closeNow;
    synchronized (connectionLock) {
      this.connection = connection;
      closeNow = closeRequested;
    }
    scheduler.onAttached(this);
    arrived();
    if (closeNow) {
      connection.close(); // let go (shutdown, terminate) before its transport had connected it
    }
  }

  /** The largest frame its connection takes; {@link FrameLimit#NONE} until attached. */
  FrameLimit frameLimit() {
    return frameLimit;
  }

  /** Hello or attach; the second of them makes it ready. */
  private void arrived() {
    if (untilReady.decrementAndGet() == 0) {
      life.ready();
      scheduler.onReady(this);
    }
  }

  /**
   * Queues a task message for this worker; {@link #flush()} sends it. {@code here}: the worker is
   * idle and will get nothing else until it answers, so it may run the task on its reader thread.
   */
  void enqueue(PendingTask task, boolean here) {
    synchronized (outboxLock) {
      if (!task.shared.isEmpty()) {
        shared.sendBefore(task, inFlight, outbox); // inFlight: the scheduler's lock, which the caller holds
      }
      Wire.writeTask(outbox.forMessageOf(exactly(Wire.taskBytes(task.id, task.invocation.length))), task.id,
          task.invocation, here);
    }
  }

  /** Queues the pool's initializer, to run before any task. */
  void enqueueInitializer(byte[] initializer) {
    synchronized (outboxLock) {
      Output out = outbox.forMessageOf(exactly(Wire.initBytes(initializer.length)));
      Wire.writeInit(out, initializer);
    }
  }

  /** A message's size; none reaches 2 GiB, as the scheduler sends none over the frame limit. */
  private static int exactly(long messageBytes) {
    return Math.toIntExact(messageBytes);
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

  /**
   * Closes its connection, once; if it has none yet, {@link #attach} closes it as it arrives. A
   * worker is let go as soon as it is registered, which may be before its transport connected it.
   */
  void close() {
    Connection target;
    synchronized (connectionLock) {
      if (closeRequested) {
        return;
      }
      closeRequested = true;
      target = connection;
    }
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
      if (!saidHello.compareAndSet(false, true)) {
        throw new IllegalStateException(WorkerHandle.this + " said hello twice: the protocol is out of step");
      }
      WorkerHandle.this.runsTasksHere = runsTasksHere;
      arrived();
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
      scheduler.onInitializerFailed(WorkerHandle.this, ThrowableCodec.decode(exception, exceptions));
    }

    @Override
    public void retiring() {
      scheduler.onRetiring(WorkerHandle.this);
    }

    @Override
    public void cancelled(long id, boolean skipped) {
      scheduler.onCancelled(WorkerHandle.this, id, skipped);
    }
  };

  private void printOutput(byte stream, byte[] text) {
    PrintStream target = stream == Wire.STDERR ? System.err : System.out;
    target.write(text, 0, text.length);
    target.flush();
    if (stream == Wire.STDERR) {
      printedToStderr.append(new String(text, StandardCharsets.UTF_8));
    }
  }

  /**
   * The last lines of the worker's standard error: what its JVM wrote to the process's own
   * stream, which its launcher keeps, then what its tasks wrote, which came in the protocol.
   * Quoted when it dies.
   */
  List<String> lastStderrLines() {
    List<String> lines = new ArrayList<>(process.lastStderrLines());
    lines.addAll(printedToStderr.lines());
    return lines;
  }

  /** The same lines as far as they have arrived, at once, while it runs: for Pool.stats(). */
  List<String> stderrTail() {
    List<String> lines = new ArrayList<>(process.stderrLinesSoFar());
    lines.addAll(printedToStderr.lines());
    return lines;
  }

  @Override
  public void onClosed(Throwable reason) {
    // A protocol failure is why the pool closed it: the transport's reason is only the consequence.
    scheduler.onClosed(this, protocolFailure != null ? protocolFailure : reason);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
