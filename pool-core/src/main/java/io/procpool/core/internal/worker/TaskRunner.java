package io.procpool.core.internal.worker;

import com.esotericsoftware.kryo.io.Input;
import io.procpool.core.internal.wire.Invocations.Invocation;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.SharedKey;
import io.procpool.core.internal.wire.ThrowableCodec;
import io.procpool.core.internal.wire.Wire;
import io.procpool.core.internal.wire.WireProtocolException;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's loop: tasks arrive on the transport's thread and queue here; the main thread runs
 * them one at a time, in order, and answers each before it starts the next. That last rule is
 * what lets the pool requeue, untouched, the tasks a dead worker had not answered but the first.
 *
 * <p>A task the pool sent as TASK_HERE (the worker was idle, and gets nothing else until it
 * answers) runs on the transport's thread instead, if the endpoint allows it and nothing is queued
 * or running: that saves waking the main thread. Without an initializer only: the pool does not
 * send TASK_HERE when it has one, so every task then runs on the thread that ran it.
 */
public final class TaskRunner implements ConnectionListener, Wire.FromPool {
  /** Stands for the initializer in the job queue; task ids start at 1. */
  private static final long INITIALIZER = 0;
  /** Tells the main loop to return: the worker is done (a thread worker's only way out). */
  private static final Job STOP = new Job(-1, null);

  private record Job(long id, byte[] invocation) {}

  private final String name;
  private final WorkerExit exit;
  /** The status the worker ends with; set once, by {@link #stop}. */
  private volatile Integer exitStatus;
  private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
  /**
   * Tasks received and not yet begun. Beginning one and cancelling it both take it out of here,
   * so exactly one of them wins: the pool is told at once which (CANCELLED), and a task it was
   * told is skipped never runs.
   */
  private final Set<Long> notBegun = ConcurrentHashMap.newKeySet();
  /** The large captured values the pool sent, which tasks refer to. */
  private final WorkerShares shares = new WorkerShares();
  private final Object sendLock = new Object();
  /** What goes to the pool, cut into frames its connection accepts; guarded by sendLock. */
  private final OutgoingFrames frames = new OutgoingFrames();
  /** Frames come one at a time (the SPI's rule), so one Input serves them all. */
  private final Input frameReader = new Input();
  private Connection connection;
  private CapturedOutput capturedOut;
  private CapturedOutput capturedErr;
  /** Descriptors 1 and 2 as pipes this runner drains; null if not redirected (a thread worker, or the JDK's descriptor calls out of reach). */
  private RedirectedDescriptors descriptors;

  /** Whether TASK_HERE may run on the transport's thread (the endpoint said onFrame may block). */
  private final boolean runsTasksHere;
  /** Jobs queued or running; a TASK_HERE runs on the transport's thread only when there are none. */
  private final AtomicInteger unfinished = new AtomicInteger();
  /**
   * Set once a task ended in a VirtualMachineError: this JVM may be short of memory or stack, or
   * half-initialised, so it begins nothing more, and the pool, told so, replaces it.
   */
  private volatile boolean unfit;

  TaskRunner(String name, boolean runsTasksHere, WorkerExit exit) {
    this.name = name;
    this.runsTasksHere = runsTasksHere;
    this.exit = exit;
  }

  /** Points System.out and System.err, and the redirected descriptors if not null, into the protocol. */
  void captureStandardStreams(RedirectedDescriptors redirected) {
    descriptors = redirected;
    capturedOut = new CapturedOutput(this, true);
    capturedErr = new CapturedOutput(this, false);
    System.setOut(capturedOut.printStream());
    System.setErr(capturedErr.printStream());
  }

  /**
   * Says hello, then runs tasks until the connection closes. A process worker halts then, inside
   * {@link WorkerExit#exit}; a thread worker returns the status a process would have exited with.
   */
  int run(Connection connection) throws InterruptedException {
    synchronized (sendLock) {
      this.connection = connection;
      frames.connect(connection);
      Wire.writeHello(frames.room(0), ProcessHandle.current().pid(), name, runsTasksHere); // first, and small
      sendWithOutput();
    }
    if (descriptors != null) {
      descriptors.startDrainer(this::flushOutput); // after hello: there is a connection to flush to
    }
    while (true) {
      Job job = jobs.take();
      if (exitStatus != null) {
        return exitStatus;
      }
      if (job.id() == INITIALIZER) {
        initialize(job);
      } else {
        runOrSkip(job);
      }
      unfinished.decrementAndGet();
    }
  }

  /** Ends the worker: halts a process; has a thread worker's main loop return without running more. */
  private void stop(int status) {
    if (exitStatus == null) {
      exitStatus = status;
    }
    exit.exit(status);
    jobs.add(STOP);
  }

  private void runOrSkip(Job job) {
    if (unfit) {
      return; // not begun, and not answered: the pool gives it to another worker
    }
    if (notBegun.remove(job.id())) {
      execute(job);
    } else {
      answer(Wire.SKIPPED, job.id(), 0, new byte[0]); // cancelled before it began
    }
  }

  private void queue(Job job) {
    unfinished.incrementAndGet();
    jobs.add(job);
  }

  /** Runs a TASK_HERE on this (the transport's) thread if nothing is queued or running, else queues it. */
  private void runHereIfIdle(Job job, boolean lastInFrame) {
    if (!runsTasksHere || !lastInFrame || !unfinished.compareAndSet(0, 1)) {
      queue(job);
      return;
    }
    try {
      runOrSkip(job);
    } finally {
      unfinished.decrementAndGet();
    }
  }

  /** Runs the pool's initializer; if it fails, says why and exits, as the pool cannot use us. */
  private void initialize(Job job) {
    try {
      invokeUserCode((Invocation) codec().decode(job.invocation(), "the initializer"));
    } catch (Throwable e) {
      synchronized (sendLock) {
        appendOutput();
        byte[] exception = OversizedAnswers.fitFailure(frames.limit(), ThrowableCodec.encode(e), Wire::initFailedBytes);
        Wire.writeInitFailed(frames.room(Wire.initFailedBytes(exception.length)), exception);
        frames.send();
      }
      stop(5);
    }
  }

  private void execute(Job job) {
    if (exitStatus != null) {
      return; // a thread worker that was told to stop runs nothing more, as a halted process would
    }
    long start = System.nanoTime();
    byte kind;
    byte[] payload;
    try {
      Invocation invocation = (Invocation) codec().decode(job.invocation(), "the task");
      Object value = invokeUserCode(invocation);
      payload = OversizedAnswers.encodeResult(frames.limit(), job.id(), invocation, value);
      kind = Wire.RESULT;
    } catch (VirtualMachineError e) {
      unfit = true;
      answer(Wire.FAILURE, job.id(), System.nanoTime() - start, ThrowableCodec.encode(e), true);
      return;
    } catch (Throwable e) {
      payload = ThrowableCodec.encode(e);
      kind = Wire.FAILURE;
    }
    answer(kind, job.id(), System.nanoTime() - start, payload);
  }

  /** Runs a task or the initializer, then {@linkplain #clearInterruptLeftByTask clears} an interrupt it left. */
  private Object invokeUserCode(Invocation invocation) throws Exception {
    try {
      return invocation.invoke();
    } finally {
      clearInterruptLeftByTask();
    }
  }

  /**
   * Clears an interrupt a task left on its thread (as one does that catches an
   * InterruptedException and sets the flag again), in a worker process: there only user code
   * interrupts the worker's threads, and the flag would close the transport's interruptible
   * channels at their next read or write (ClosedByInterruptException: the worker lost its
   * connection and was killed). In a thread worker an interrupt is the pool stopping it, and stays.
   */
  private void clearInterruptLeftByTask() {
    if (exit == WorkerExit.HALT) {
      Thread.interrupted();
    }
  }

  /** This thread's codec, reading shared values from this worker's: tasks run on two threads. */
  private KryoCodec codec() {
    KryoCodec codec = KryoCodec.get();
    codec.readSharedValuesFrom(shares);
    return codec;
  }

  private void answer(byte kind, long id, long nanos, byte[] payload) {
    answer(kind, id, nanos, payload, false);
  }

  /** @param retiring whether to say, in the same frame, that this worker begins no more tasks */
  private void answer(byte kind, long id, long nanos, byte[] payload, boolean retiring) {
    byte[] fitting = kind == Wire.FAILURE
        ? OversizedAnswers.fitFailure(frames.limit(), payload, length -> Wire.outcomeBytes(id, length)) : payload;
    synchronized (sendLock) {
      appendOutput();
      Wire.writeOutcome(frames.room(Wire.outcomeBytes(id, fitting.length)), kind, id, nanos, fitting);
      if (retiring) {
        Wire.writeRetiring(frames.room(Wire.RETIRING_BYTES));
      }
      frames.send(); // output drained just above; more now would be another thread's, the drainer's to send
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
    frames.send();
  }

  /**
   * Descriptors first, then what System.out/err hold: those buffers hold only what was printed
   * since their last flush (a println flushes), so bytes in the pipes were written before it, as
   * a plain JVM's buffered System.out would show them. Bytes written before a task returned are
   * in the pipes by then (a write returns once they are), so they go out ahead of its result.
   */
  private void appendOutput() {
    if (descriptors != null) {
      descriptors.drain(frames::output);
    }
    append(capturedOut, Wire.STDOUT);
    append(capturedErr, Wire.STDERR);
  }

  private void append(CapturedOutput captured, byte stream) {
    byte[] text = captured == null ? null : captured.drain();
    if (text != null) {
      frames.output(stream, text, text.length);
    }
  }

  @Override
  public void onFrame(byte[] frame) {
    try {
      Wire.readFromPool(frame, frameReader, this);
    } catch (WireProtocolException outOfStep) {
      WorkerLog.log(Level.ERROR, "procpool worker " + name + ": " + outOfStep.getMessage() + "; exiting");
      stop(4);
    }
  }

  @Override
  public void task(long id, byte[] invocation, boolean here, boolean lastInFrame) {
    notBegun.add(id);
    Job job = new Job(id, invocation);
    if (here) {
      runHereIfIdle(job, lastInFrame);
    } else {
      queue(job);
    }
  }

  @Override
  public void initializer(byte[] initializer) {
    queue(new Job(INITIALIZER, initializer));
  }

  @Override
  public void cancel(long id) {
    boolean skipped = notBegun.remove(id);
    synchronized (sendLock) {
      Wire.writeCancelled(frames.room(Wire.CANCELLED_BYTES), id, skipped);
      sendWithOutput();
    }
  }

  @Override
  public void share(SharedKey key, byte[] value) {
    shares.put(key, value);
  }

  @Override
  public void unshare(SharedKey key) {
    shares.remove(key);
  }

  @Override
  public void onClosed(Throwable reason) {
    if (reason != null) {
      WorkerLog.log(Level.WARNING, "procpool worker " + name + ": connection to the pool failed: "
          + reason.getMessage());
    }
    stop(0); // the pool is gone or done with us: nothing left to do
  }
}
