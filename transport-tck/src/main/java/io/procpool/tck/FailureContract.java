package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.RemoteTaskException;
import io.procpool.TaskSerializationException;
import io.procpool.WorkerDiedException;
import io.procpool.WorkerStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failure fails its own task, with a clear exception, and the pool goes on. */
public interface FailureContract extends TransportTestKit {

  /**
   * A task's exception arrives as the cause of the {@code ExecutionException} with its own type,
   * message and the worker's stack trace, and the worker goes on.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void taskExceptionArrivesWithItsOwnTypeMessageAndRemoteStack(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::failIfNegative, -5));
    IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    assertEquals("negative: -5", cause.getMessage());
    assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("failIfNegative")),
        "the stack trace is the worker's: " + Arrays.toString(cause.getStackTrace()));
    assertEquals(4, pool.apply(TckTasks::failIfNegative, 4));
  }

  /**
   * A checked exception thrown by a task arrives as itself.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void checkedExceptionArrivesAsItself(Pools pools) {
    Pool pool = pools.start(1);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::throwChecked));
    assertInstanceOf(IOException.class, failure.getCause());
    assertEquals("disk on fire", failure.getCause().getMessage());
  }

  /**
   * An exception whose class cannot be rebuilt here arrives as a {@code RemoteTaskException} with
   * the original class name, message and stack.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void exceptionThatCannotBeRebuiltArrivesAsRemoteTaskException(Pools pools) {
    Pool pool = pools.start(1);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::throwUnrebuildable));
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, failure.getCause());
    assertEquals(TckTasks.UnrebuildableException.class.getName(), remote.remoteClassName());
    assertEquals("cannot come home", remote.remoteMessage());
    assertTrue(Arrays.stream(remote.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("throwUnrebuildable")));
  }

  /**
   * An exception holding a type the pool does not allow arrives described as a
   * {@code RemoteTaskException}, from {@code apply} and from {@code mapOutcomes}, and that type's
   * {@code readObject} never runs in this process.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void anExceptionHoldingATypeNotAllowedArrivesDescribedAndTheTypeIsNeverDeserialized(Pools pools)
      throws Exception {
    Pool pool = pools.start(1);
    String token = "refused-" + System.nanoTime();
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> pool.apply(() -> TckTasks.throwCarryingSideEffect(token)));
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, failure.getCause());
    assertEquals(TckTasks.CarriesSideEffectException.class.getName(), remote.remoteClassName());
    assertEquals("carries " + token, remote.remoteMessage());
    assertTrue(Arrays.stream(remote.getStackTrace())
        .anyMatch(frame -> frame.getMethodName().equals("throwCarryingSideEffect")));
    List<Outcome<Integer>> outcomes = pool.mapOutcomes(x -> TckTasks.failCarryingSideEffect(token, x),
        List.of(1, -1, 2, -2), 2);
    assertEquals(1, outcomes.get(0).value());
    RemoteTaskException item = assertInstanceOf(RemoteTaskException.class, outcomes.get(1).error());
    assertEquals(TckTasks.CarriesSideEffectException.class.getName(), item.remoteClassName());
    assertFalse(TckTasks.ReadObjectSideEffect.READ.contains(token), "this process ran the readObject");
  }

  /**
   * Types allowed with {@code allowInExceptions} are rebuilt: in a task's exception, in an item's,
   * and in the cause of a {@code WorkerStartException} from an initializer.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void typesThePoolAllowsInExceptionsAreRebuilt(Pools pools) throws Exception {
    String token = "allowed-" + System.nanoTime();
    Pool pool = pools.register(pools.builder(1)
        .allowInExceptions(TckTasks.ReadObjectSideEffect.class.getName()).build());
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> pool.apply(() -> TckTasks.throwCarryingSideEffect(token)));
    assertInstanceOf(TckTasks.CarriesSideEffectException.class, failure.getCause());
    List<Outcome<Integer>> outcomes = pool.mapOutcomes(x -> TckTasks.failCarryingSideEffect(token, x),
        List.of(1, -1), 2);
    assertInstanceOf(TckTasks.CarriesSideEffectException.class, outcomes.get(1).error());
    assertTrue(TckTasks.ReadObjectSideEffect.READ.contains(token));
    Pool initializing = pools.register(pools.builder(1).allowInExceptions("io.procpool.tck.*")
        .initializer(() -> TckTasks.throwCarryingSideEffect(token)).build());
    ExecutionException start = assertThrows(ExecutionException.class, () -> initializing.apply(TckTasks::whoAmI));
    WorkerStartException notStarted = assertInstanceOf(WorkerStartException.class, start.getCause());
    assertInstanceOf(TckTasks.CarriesSideEffectException.class, notStarted.getCause());
  }

  /**
   * A {@code StackOverflowError} arrives as itself with the worker's stack; the task queued behind
   * it runs on a new worker, as a JVM that overflowed is not trusted again.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aStackOverflowArrivesAsItselfWithTheRemoteStackAndItsWorkerIsRecycled(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> overflow = pool.applyAsync(FaultTasks::recurseForever, 0);
    AsyncResult<Integer> queued = pool.applyAsync(TckTasks::square, 6);
    ExecutionException failure = assertThrows(ExecutionException.class, overflow::get);
    StackOverflowError cause = assertInstanceOf(StackOverflowError.class, failure.getCause());
    assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("recurseForever")),
        "the stack trace is the worker's");
    assertEquals(36, queued.get(), "the task queued behind it was not begun, and runs on the successor");
    assertEquals("PoolWorker-2", pool.apply(TckTasks::whoAmI), "a JVM that overflowed its stack is not trusted again");
  }

  /**
   * An {@code OutOfMemoryError} arrives as itself with the worker's stack, and the worker is
   * replaced.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void anOutOfMemoryErrorArrivesAsItselfAndItsWorkerIsRecycled(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(FaultTasks::allocateMoreThanTheHeap));
    OutOfMemoryError cause = assertInstanceOf(OutOfMemoryError.class, failure.getCause());
    assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("allocateMoreThanTheHeap")),
        "the stack trace is the worker's: " + Arrays.toString(cause.getStackTrace()));
    assertEquals("PoolWorker-2", pool.apply(TckTasks::whoAmI));
    assertEquals(49, pool.apply(TckTasks::square, 7));
  }

  /**
   * An exception that cannot be serialized arrives as a {@code RemoteTaskException} with its class,
   * message and stack, and the worker goes on.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void anExceptionThatCannotBeSerializedArrivesAsRemoteTaskExceptionWithItsClassMessageAndStack(Pools pools)
      throws Exception {
    Pool pool = pools.start(1);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(FaultTasks::throwHoldingAThread));
    RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, failure.getCause());
    assertEquals(FaultTasks.HoldsAThreadException.class.getName(), remote.remoteClassName());
    assertTrue(remote.remoteMessage().startsWith("holds "), remote.remoteMessage());
    assertTrue(Arrays.stream(remote.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("throwHoldingAThread")));
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI));
  }

  /**
   * An argument whose class the worker cannot load fails its task with a
   * {@code TaskSerializationException} naming the class; the next task runs on the same worker.
   *
   * @param pools the test's pools, terminated after it
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void anArgumentWhoseClassTheWorkerCannotLoadFailsOnlyItsTask(Pools pools, @TempDir Path dir) throws Exception {
    Pool pool = pools.start(1);
    Object stranger = FaultTasks.instanceOfAClassOnlyThisJvmHas(dir);
    AsyncResult<String> bad = pool.applyAsync(FaultTasks::describe, stranger);
    AsyncResult<Integer> next = pool.applyAsync(TckTasks::square, 8);
    ExecutionException failure = assertThrows(ExecutionException.class, bad::get);
    TaskSerializationException cause = assertInstanceOf(TaskSerializationException.class, failure.getCause());
    assertTrue(cause.getMessage().contains("procpool.parentonly.OnlyInTheParent"), cause.getMessage());
    assertEquals(64, next.get());
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI), "the worker goes on");
  }

  /**
   * An argument whose deserialization throws fails only its task, each time, and the worker goes
   * on.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void anArgumentWhoseDecodingThrowsFailsOnlyItsTask(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    for (int i = 0; i < 5; i++) {
      AsyncResult<Integer> bad = pool.applyAsync(FaultTasks::sizeOf, FaultTasks.refusesToBeRebuilt(i));
      ExecutionException failure = assertThrows(ExecutionException.class, bad::get);
      TaskSerializationException cause = assertInstanceOf(TaskSerializationException.class, failure.getCause());
      assertTrue(cause.getMessage().contains(FaultTasks.RefusesToBeRebuilt.class.getName()), cause.getMessage());
    }
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI));
  }

  /**
   * A worker that halts while it decodes a task fails that task with a {@code WorkerDiedException}
   * carrying the exit code and what the worker last wrote to standard error; the task queued behind
   * runs on the replacement.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void aWorkerThatCrashesWhileDecodingFailsOnlyThatTaskWithItsExitCodeAndLastWords(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Integer> crash = pool.applyAsync(FaultTasks::sizeOf, FaultTasks.haltsWhenRebuilt(1));
    AsyncResult<Integer> queued = pool.applyAsync(TckTasks::square, 3);
    WorkerDiedException died = diedOf(crash);
    assertEquals(FaultTasks.HALTED_DECODING, died.exitCode());
    assertTrue(died.getMessage().contains("HaltsWhenRebuilt: halting the worker while it decodes"), died.getMessage());
    assertEquals(9, queued.get(), "the task queued behind the crash runs on the replacement");
    assertEquals("PoolWorker-2", pool.apply(TckTasks::whoAmI));
  }

  /**
   * A worker that halts while it encodes a result fails that task with its exit code and last
   * words; the next task still runs.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void aWorkerThatCrashesWhileEncodingFailsOnlyThatTaskWithItsExitCodeAndLastWords(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<List<Integer>> crash = pool.applyAsync(FaultTasks::haltsWhenSent);
    AsyncResult<Integer> queued = pool.applyAsync(TckTasks::square, 4);
    WorkerDiedException died = diedOf(crash);
    assertEquals(FaultTasks.HALTED_ENCODING, died.exitCode());
    assertTrue(died.getMessage().contains("HaltsWhenSent: halting the worker while it encodes"), died.getMessage());
    assertEquals(16, queued.get());
  }

  /**
   * A worker that halts while it runs a task fails that task once, with its exit code and last
   * words, and the task is never run again; the other tasks complete.
   *
   * @param pools the test's pools, terminated after it
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void aWorkerThatCrashesWhileRunningFailsItsTaskOnceAndTheTaskIsNeverRunAgain(Pools pools, @TempDir Path dir)
      throws Exception {
    Pool pool = pools.start(2);
    Path log = dir.resolve("runs.log");
    AsyncResult<Object> crash = pool.applyAsync(() -> FaultTasks.recordThenHalt(log, 3));
    List<Integer> after = pool.map(TckTasks::square, List.of(1, 2, 3, 4, 5, 6), 1);
    WorkerDiedException died = diedOf(crash);
    assertEquals(3, died.exitCode());
    assertTrue(died.getMessage().contains("exit code 3"), died.getMessage());
    assertTrue(died.getMessage().contains("recordThenHalt: halting the worker with exit code 3"),
        "carries what the worker last wrote to standard error: " + died.getMessage());
    assertEquals(List.of(1, 4, 9, 16, 25, 36), after);
    pool.close();
    assertEquals(List.of("ran"), Files.readAllLines(log), "the task that crashed ran once");
  }

  private static WorkerDiedException diedOf(AsyncResult<?> result) {
    ExecutionException failure = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
    return assertInstanceOf(WorkerDiedException.class, failure.getCause());
  }

  /**
   * A worker that exits under its task fails it with a {@code WorkerDiedException} naming the
   * worker and its exit code, and a replacement takes over.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void workerThatDiesFailsItsTaskWithExitCodeAndIsReplaced(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::halt, 7));
    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failure.getCause());
    assertEquals("PoolWorker-1", died.workerName());
    assertEquals(7, died.exitCode());
    assertTrue(died.getMessage().contains("PoolWorker-1") && died.getMessage().contains("exit code 7"), died.getMessage());
    assertEquals("PoolWorker-2", pool.apply(TckTasks::whoAmI));
  }

  /**
   * A worker killed from outside with SIGKILL fails its running task, saying so, and the tasks
   * queued behind it still run.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES)
  default void workerKilledFromOutsideFailsItsTaskAndTheNextTasksStillRun(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    long pid = pool.apply(TckTasks::pid);
    AsyncResult<Integer> running = pool.applyAsync(() -> TckTasks.sleepThenReturn(30_000, 1));
    AsyncResult<Integer> queued = pool.applyAsync(TckTasks::square, 5);
    Thread.sleep(300); // let the long task start
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ExecutionException failure = assertThrows(ExecutionException.class, running::get);
    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failure.getCause());
    assertEquals(137, died.exitCode());
    assertTrue(died.getMessage().contains("signal 9, SIGKILL"), died.getMessage());
    assertEquals(25, queued.get());
    assertEquals(36, pool.apply(TckTasks::square, 6));
  }

  /**
   * Tasks queued behind a crash run on the replacement worker, none lost.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.ISOLATES_CRASHES)
  default void tasksQueuedBehindACrashRunOnTheReplacement(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<Object> crash = pool.applyAsync(TckTasks::halt, 9);
    List<AsyncResult<Integer>> after = List.of(
        pool.applyAsync(TckTasks::square, 2), pool.applyAsync(TckTasks::square, 3), pool.applyAsync(TckTasks::square, 4));
    assertThrows(ExecutionException.class, crash::get);
    assertEquals(List.of(4, 9, 16), List.of(after.get(0).get(), after.get(1).get(), after.get(2).get()));
  }

  /**
   * An argument that cannot be serialized fails only its task, with a message naming the argument's
   * type.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void unserializableArgumentFailsOnlyThatTask(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    AsyncResult<String> bad = pool.applyAsync((Thread thread) -> thread.getName(), new Thread("not-sendable"));
    ExecutionException failure = assertThrows(ExecutionException.class, bad::get);
    TaskSerializationException cause = assertInstanceOf(TaskSerializationException.class, failure.getCause());
    assertTrue(cause.getMessage().contains("argument") && cause.getMessage().contains("java.lang.Thread"), cause.getMessage());
    assertEquals(9, pool.apply(TckTasks::square, 3));
  }

  /**
   * Arguments that cannot be serialized fail before {@code applyAsync} returns, so nothing is sent
   * for them; a hundred good tasks after them all complete on the same worker.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aHundredUnsendableArgumentsFailOnTheCallersThreadThenAHundredGoodTasksAllComplete(Pools pools)
      throws Exception {
    Pool pool = pools.start(1);
    for (int i = 0; i < 100; i++) {
      AsyncResult<String> bad = pool.applyAsync((Thread thread) -> thread.getName(), new Thread("not-sendable"));
      assertTrue(bad.ready(), "failed before applyAsync returned, so nothing was sent for it");
      ExecutionException failure = assertThrows(ExecutionException.class, bad::get);
      assertInstanceOf(TaskSerializationException.class, failure.getCause());
    }
    List<AsyncResult<Integer>> good = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      good.add(pool.applyAsync(TckTasks::square, i));
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(i * i, good.get(i).get(30, TimeUnit.SECONDS));
    }
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI), "no worker was lost to the bad arguments");
  }

  /**
   * Results that cannot be serialized fail only their tasks, twenty in a row, without ending the
   * worker.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void twentyUnsendableResultsInARowFailOnlyTheirTasksOnTheSameWorker(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    for (int i = 0; i < 20; i++) {
      ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(Thread::currentThread));
      assertInstanceOf(TaskSerializationException.class, failure.getCause());
    }
    assertEquals("PoolWorker-1", pool.apply(TckTasks::whoAmI), "a result that cannot be sent must not end its worker");
    assertEquals(25, pool.apply(TckTasks::square, 5));
  }

  /**
   * A lambda that captures a {@code Thread} is refused with a message naming where the lambda is
   * declared and what to do instead.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aCapturedThreadIsRefusedSayingWhereTheLambdaIsAndWhatToDo(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    Thread thread = new Thread("stays here");
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(() -> thread.getName()));
    assertEquals("Cannot serialize the task: the lambda declared in " + FailureContract.class.getName()
        + ".aCapturedThreadIsRefusedSayingWhereTheLambdaIsAndWhatToDo captures a java.lang.Thread, which belongs"
        + " to this process and cannot travel to another. Create it in the task instead, or once per worker in"
        + " the pool's initializer.", assertInstanceOf(TaskSerializationException.class, failure.getCause()).getMessage());
    assertEquals(9, pool.apply(TckTasks::square, 3));
  }

  /**
   * A result that cannot be serialized fails only its task, with a message naming the result's
   * type.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void unserializableResultFailsOnlyThatTask(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(Thread::currentThread));
    TaskSerializationException cause = assertInstanceOf(TaskSerializationException.class, failure.getCause());
    assertTrue(cause.getMessage().contains("result") && cause.getMessage().contains("java.lang.Thread"), cause.getMessage());
    assertEquals(16, pool.apply(TckTasks::square, 4));
  }

  /**
   * A bad worker JVM option fails every task with the same clear message, quoting the JVM, instead
   * of the pool restarting workers forever.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  @Requires(TransportCapability.WORKER_JVM_SETTINGS)
  default void badWorkerJvmOptionFailsTasksClearlyInsteadOfRestartingForever(Pools pools) {
    Pool pool = pools.register(pools.builder(1).jvmOptions("-XX:+NoSuchProcpoolOption").build());
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(() -> 1));
    assertTrue(failure.getCause().getMessage().contains("before they are ready"), failure.getCause().getMessage());
    // The JVM's own words, quoted, where the launcher keeps a worker's standard error (the core's does).
    assertTrue(failure.getCause().getMessage().contains("Unrecognized VM option 'NoSuchProcpoolOption'"),
        failure.getCause().getMessage());
    ExecutionException again = assertThrows(ExecutionException.class, () -> pool.apply(() -> 2));
    assertEquals(failure.getCause().getMessage(), again.getCause().getMessage());
  }

  /**
   * A bad heap size fails tasks with a {@code WorkerStartException} that quotes the JVM, and every
   * later item fails with the same message rather than the pool respawning workers.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.WORKER_JVM_SETTINGS)
  default void aBadHeapSizeIsQuotedFromTheJvmAndThePoolReportsItselfBrokenRatherThanRespawning(Pools pools)
      throws Exception {
    Pool pool = pools.register(pools.builder(2).jvmOptions("-Xmxlots").build());
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(() -> 1));
    WorkerStartException broken = assertInstanceOf(WorkerStartException.class, failure.getCause());
    assertTrue(broken.getMessage().contains("Invalid maximum heap size: -Xmxlots"), broken.getMessage());
    assertFalse(broken.getMessage().contains("may say why"), "quotes the JVM instead of pointing at it");
    List<Outcome<Integer>> later = pool.mapOutcomes(TckTasks::square, List.of(1, 2, 3), 1);
    later.forEach(outcome -> assertEquals(broken.getMessage(), outcome.error().getMessage()));
  }

  /**
   * A {@code java} executable that does not exist fails {@code build()} with a message naming it.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  @Requires(TransportCapability.WORKER_JVM_SETTINGS)
  default void missingJavaExecutableFailsTheBuildNamingIt(Pools pools) {
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> pools.register(pools.builder(1).javaExecutable("/no/such/java").build()));
    assertTrue(error.getMessage().contains("/no/such/java"), error.getMessage());
  }

  /**
   * A {@code null} task is refused at once with a {@code NullPointerException}.
   *
   * @param pools the test's pools, terminated after it
   */
  @Test
  default void nullTaskIsRejectedAtOnce(Pools pools) {
    Pool pool = pools.start(1);
    assertThrows(NullPointerException.class, () -> pool.applyAsync((io.procpool.Task<Object>) null));
  }
}
