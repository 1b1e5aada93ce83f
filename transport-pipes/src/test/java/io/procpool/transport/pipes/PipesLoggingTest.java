package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.WorkerDiedException;
import io.procpool.tck.Pools;
import io.procpool.tck.TckTasks;
import io.procpool.tck.TransportTestKit;
import io.procpool.tck.LifecycleLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * A real worker process's life in the pool's log: its pid, and when it dies a WARNING with its
 * exit code and the last lines of its standard error, where the worker's own log lines are (they
 * go to its real stderr, never into the pipe that carries the frames).
 */
class PipesLoggingTest implements TransportTestKit {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  /** Logs as the worker runtime does, then dies as a crash would. */
  static Object logThenHalt(String words, int exitCode) {
    System.getLogger("io.procpool.worker").log(System.Logger.Level.WARNING, words);
    Runtime.getRuntime().halt(exitCode);
    return null;
  }

  /** Logs as the worker runtime does, and carries on. */
  static long logThenPid(String words) {
    System.getLogger("io.procpool.worker").log(System.Logger.Level.WARNING, words);
    return ProcessHandle.current().pid();
  }

  /** Logs as a task's own code would, through the JDK's logging with its default console handler. */
  static int logAsATask(String words) {
    java.util.logging.Logger.getLogger("com.example.task").warning(words);
    return 1;
  }

  @Test
  void aWorkerThatDiesIsAWarningWithItsPidExitCodeAndTheWorkersOwnLastLogLines(Pools pools) throws Exception {
    try (LifecycleLog log = new LifecycleLog()) {
      Pool pool = pools.start(1);
      long pid = pool.apply(TckTasks::pid);
      log.await(text -> text.equals("PoolWorker-1 started, pid " + pid), PATIENCE);
      log.await(text -> text.matches("PoolWorker-1 \\(pid " + pid + "\\) is ready, \\d+ ms after its launch"), PATIENCE);
      // The worker logs, and the pipe's frames are untouched: the same worker answers on.
      assertEquals(pid, pool.apply(PipesLoggingTest::logThenPid, "still framing"));
      // A task's own records are carried in the protocol as what it prints: here before its result.
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream originalErr = System.err;
      System.setErr(new PrintStream(err, true));
      try {
        assertEquals(1, pool.apply(PipesLoggingTest::logAsATask, "a task's own record"));
      } finally {
        System.setErr(originalErr);
      }
      assertTrue(err.toString(StandardCharsets.UTF_8).contains("WARNING: a task's own record"), err.toString());

      ExecutionException failure = assertThrows(ExecutionException.class,
          () -> pool.apply(() -> logThenHalt("last words before halting", 7)));
      assertInstanceOf(WorkerDiedException.class, failure.getCause());

      LogRecord died = log.await(
          text -> text.startsWith("PoolWorker-1 (pid " + pid + ") died, exit code 7, while running task 4"), PATIENCE);
      assertEquals(Level.WARNING, died.getLevel());
      assertEquals("io.procpool.worker", died.getLoggerName());
      String text = LifecycleLog.text(died);
      // One line each, as the worker's handler writes them to its real stderr, which the pool tails.
      assertTrue(text.contains("its standard error ended with: ") && text.contains(
          "[PoolWorker-1] WARNING io.procpool.worker: still framing / [PoolWorker-1] WARNING io.procpool.worker:"
              + " last words before halting"), text);
      long successor = pool.apply(TckTasks::pid);
      log.await(line -> line.equals("PoolWorker-2 started, pid " + successor + ", in place of PoolWorker-1"), PATIENCE);
    }
  }

  @Test
  void aWorkerThatCannotStartIsAWarningQuotingTheJvm(Pools pools) throws Exception {
    try (LifecycleLog log = new LifecycleLog()) {
      Pool pool = pools.register(pools.builder(1).jvmOptions("-XX:+NoSuchOption").build());
      assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::pid));
      LogRecord never = log.await(text -> text.startsWith("PoolWorker-1 (pid ")
          && text.contains(") exited before it was ready, exit code 1")
          && text.contains("Unrecognized VM option 'NoSuchOption'"), PATIENCE);
      assertEquals(Level.WARNING, never.getLevel());
      log.await(text -> text.startsWith("The pool runs no more tasks: "), PATIENCE);
    }
  }
}
