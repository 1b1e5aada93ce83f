package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import io.procpool.core.internal.wire.KryoCodec;
import io.procpool.core.internal.wire.ThrowableCodec;
import io.procpool.core.internal.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Scheduler over fake workers and a manual timer. Workers say hello through
 * {@link Scheduler#onReady} and answer through {@link WorkerHandle#onFrame}, as a transport
 * would deliver their frames; replacements are only counted, and started by the test.
 */
final class SchedulerFixture {
  final ManualTimer timer = new ManualTimer();
  final Scheduler scheduler;
  private final Map<WorkerHandle, FakeConnection> connections = new HashMap<>();
  private final Map<WorkerHandle, FakeWorkerProcess> processes = new HashMap<>();
  private int replacementsStarted;
  private int replacementsTaken;
  private int workerNumbers;
  private long taskIds;

  SchedulerFixture() {
    this(new Scheduler.Rules(0, null, null));
  }

  SchedulerFixture(Scheduler.Rules rules) {
    scheduler = new Scheduler(predecessor -> replacementsStarted++, rules, new Callbacks(null), timer);
  }

  static Scheduler.Rules maxTasksPerChild(int max) {
    return new Scheduler.Rules(max, null, null);
  }

  static Scheduler.Rules taskTimeout(Duration timeout) {
    return new Scheduler.Rules(0, timeout, null);
  }

  /** A worker launched and connected, that has not said hello. */
  WorkerHandle startingWorker() {
    return startingWorker(new FakeWorkerProcess("PoolWorker-" + ++workerNumbers));
  }

  WorkerHandle startingWorker(FakeWorkerProcess process) {
    return startingWorker(process, new FakeConnection());
  }

  /** A worker whose connection takes frames of at most {@code maxFrameBytes}, ready. */
  WorkerHandle readyWorkerWithFrameLimit(int maxFrameBytes) {
    WorkerHandle worker = startingWorker(new FakeWorkerProcess("PoolWorker-" + ++workerNumbers),
        new FakeConnection(maxFrameBytes));
    scheduler.onReady(worker);
    return worker;
  }

  WorkerHandle startingWorker(FakeWorkerProcess process, FakeConnection connection) {
    if (replacementsTaken < replacementsStarted) {
      replacementsTaken++; // one the scheduler asked for: it counted it as launching already
    } else {
      scheduler.launching(); // one of the first workers, as WorkerGroup.startAll counts them
    }
    WorkerHandle worker = new WorkerHandle(process, scheduler);
    assertTrue(scheduler.register(worker), "registered");
    connection.onCancel(id -> cancelled(worker, id, true)); // by default the worker had not begun it
    worker.attach(connection);
    connections.put(worker, connection);
    processes.put(worker, process);
    return worker;
  }

  /** A worker that said hello and does not run tasks on its reader thread. */
  WorkerHandle readyWorker() {
    WorkerHandle worker = startingWorker();
    scheduler.onReady(worker);
    return worker;
  }

  /** A worker that said hello and runs a TASK_HERE on its reader thread. */
  WorkerHandle readyWorkerRunningTasksHere() {
    WorkerHandle worker = startingWorker();
    worker.runsTasksHere = true;
    scheduler.onReady(worker);
    return worker;
  }

  PendingTask task() {
    return new PendingTask(++taskIds, new byte[] {1, 2, 3}, 1);
  }

  /** A task whose invocation is {@code bytes} long. */
  PendingTask taskOf(int bytes) {
    return new PendingTask(++taskIds, new byte[bytes], 1);
  }

  List<PendingTask> submit(int count) {
    List<PendingTask> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(task());
    }
    scheduler.submit(tasks);
    return tasks;
  }

  PendingTask submitOne() {
    return submit(1).get(0);
  }

  /** The worker answers the task with {@code value}, having taken {@code nanos} over it. */
  void answer(WorkerHandle worker, PendingTask task, Object value, long nanos) {
    Output out = new Output(64, -1);
    Wire.writeOutcome(out, Wire.RESULT, task.id, nanos, KryoCodec.get().encode(value, "test value"));
    worker.onFrame(out.toBytes());
    assertFalse(process(worker).killed(), "the pool took the answer for a protocol failure");
  }

  void answer(WorkerHandle worker, PendingTask task) {
    answer(worker, task, "done", 1_000);
  }

  /** The worker answers the task with a failure, then says it is unfit and begins nothing more. */
  void failThenRetire(WorkerHandle worker, PendingTask task, Throwable failure) {
    Output out = new Output(64, -1);
    Wire.writeOutcome(out, Wire.FAILURE, task.id, 1_000, ThrowableCodec.encode(failure));
    Wire.writeRetiring(out);
    worker.onFrame(out.toBytes());
    assertFalse(process(worker).killed(), "the pool took RETIRING for a protocol failure");
  }

  /** A task of the worker printed {@code text} to System.err, which came in the protocol. */
  void printedToStderr(WorkerHandle worker, String text) {
    Output out = new Output(64, -1);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Wire.writeOutput(out, Wire.STDERR, bytes, bytes.length);
    worker.onFrame(out.toBytes());
  }

  /** The worker answers a CANCEL: whether it will skip the task, not having begun it. */
  void cancelled(WorkerHandle worker, long id, boolean skipped) {
    Output out = new Output(64, -1);
    Wire.writeCancelled(out, id, skipped);
    worker.onFrame(out.toBytes());
  }

  /** The worker skipped a task it was told to cancel. */
  void skipped(WorkerHandle worker, PendingTask task) {
    Output out = new Output(64, -1);
    Wire.writeOutcome(out, Wire.SKIPPED, task.id, 0, new byte[0]);
    worker.onFrame(out.toBytes());
  }

  /** What the pool sent the worker: "TASK 1", "TASK_HERE 2", "CANCEL 3", "INIT". */
  List<String> sentTo(WorkerHandle worker) {
    return connections.get(worker).messages();
  }

  FakeConnection connection(WorkerHandle worker) {
    return connections.get(worker);
  }

  FakeWorkerProcess process(WorkerHandle worker) {
    return processes.get(worker);
  }

  int replacementsStarted() {
    return replacementsStarted;
  }
}
