package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.TaskFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What tasks print reaches this process's standard streams, whole and before the result: through
 * System.out and System.err, and through the worker's descriptors 1 and 2 behind their back (a
 * raw {@code FileOutputStream(FileDescriptor.out)}, a child process with {@code inheritIO()}).
 * The tests point this JVM's System.out/err at buffers, as a test runner or a logging bridge does.
 */
public interface OutputContract extends TransportTestKit {

  /**
   * Printing from a task does not disturb its result, on any transport: the output must not end up
   * inside the frames.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void printingFromATaskDoesNotDisturbItsResult(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    for (int i = 0; i < 50; i++) {
      int value = i;
      assertEquals(value, pool.apply(() -> TckTasks.printAndReturn("line " + value, value)));
    }
  }

  /**
   * What a task prints to {@code System.out} and {@code System.err} reaches this JVM's streams,
   * whole and before the task's result.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void printedTextReachesStdoutAndStderrBeforeTheResult(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    pool.apply(() -> 0); // the worker is up
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true));
    System.setErr(new PrintStream(err, true));
    try {
      for (int i = 0; i < 5; i++) {
        int value = i;
        pool.apply(() -> TckTasks.printAndReturn("hello " + value, value));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("hello " + value), "printed before result " + value);
      }
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    assertEquals("hello 0\nhello 1\nhello 2\nhello 3\nhello 4\n", out.toString(StandardCharsets.UTF_8).replace("\r", ""));
    assertEquals("err:hello 0\nerr:hello 1\nerr:hello 2\nerr:hello 3\nerr:hello 4\n",
        err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }

  /**
   * Raw writes to the worker's descriptor 1, behind {@code System.out}'s back, reach this JVM's
   * standard output before the result, and do not corrupt the protocol or end the worker.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void rawWritesToDescriptorOneReachStdoutBeforeTheResultAndTheWorkerLives(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    long pid = pool.apply(CurrentProcess::pid);
    String printed = captured(() -> {
      for (int i = 0; i < 5; i++) {
        applyAndSeeItsWriteBeforeTheResult(pool, TckTasks::writeToRealStdout, "raw " + i + "\n");
      }
    }).out();
    assertEquals("raw 0\nraw 1\nraw 2\nraw 3\nraw 4\n", printed);
    assertEquals(pid, pool.apply(CurrentProcess::pid), "the same worker answers: the raw writes did not kill it");
  }

  /**
   * A task that leaves its thread interrupted does not stop the capture or end its worker: its raw
   * write and the next task's still arrive before their results, from the same worker, whether
   * the task ran alone or in a map.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void aTaskLeavingItsThreadInterruptedDoesNotStopTheCapture(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    long pid = pool.apply(CurrentProcess::pid);
    String printed = captured(() -> {
      applyAndSeeItsWriteBeforeTheResult(pool, TckTasks::writeToRealStdoutAndStayInterrupted, "interrupted\n");
      applyAndSeeItsWriteBeforeTheResult(pool, TckTasks::writeToRealStdout, "after\n");
    }).out();
    assertEquals("interrupted\nafter\n", printed);
    // Chunks of a map run on the worker's own task thread, which then waits for the next one.
    String mapped = captured(() -> assertEquals(List.of(1, 1, 1, 1),
        pool.map(TckTasks::writeToRealStdoutAndStayInterrupted, List.of("a\n", "b\n", "c\n", "d\n"), 1))).out();
    assertEquals("a\nb\nc\nd\n", mapped);
    assertEquals(pid, pool.apply(CurrentProcess::pid), "the same worker answers");
  }

  /**
   * Raw writes to descriptor 1 keep their place between {@code println}s of the same task.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void rawWritesKeepTheirPlaceBetweenPrintlns(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      expected.append("java ").append(i).append("\nraw ").append(i).append('\n');
    }
    String printed = captured(() -> pool.apply(TckTasks::printAlternatingWithRawWrites, 500)).out();
    assertEquals(expected.toString(), printed);
  }

  /**
   * Lines printed by two workers at once arrive whole, each worker's in its order, even while
   * another thread of each task flushes {@code System.err} between a line's text and its end.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void linesPrintedByTwoWorkersAtOnceArriveWhole(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    pool.map(TckTasks::square, List.of(1, 2), 1); // both workers are up, so the two tasks overlap
    int lines = 3_000;
    String printed = captured(() -> {
      AsyncResult<Integer> first = pool.applyAsync(() -> TckTasks.printLinesWhileStderrFlushes("w0", lines));
      AsyncResult<Integer> second = pool.applyAsync(() -> TckTasks.printLinesWhileStderrFlushes("w1", lines));
      assertEquals(lines, first.get(60, TimeUnit.SECONDS));
      assertEquals(lines, second.get(60, TimeUnit.SECONDS));
    }).out();
    int[] next = new int[2];
    for (String line : printed.split("\n")) {
      assertTrue(line.matches("w[01] \\d+"), "a whole line, not pieces of two: [" + line + "]");
      int worker = line.charAt(1) - '0';
      assertEquals("w" + worker + " " + next[worker], line, "worker " + worker + "'s lines in order");
      next[worker]++;
    }
    assertEquals(lines, next[0], "every line of w0");
    assertEquals(lines, next[1], "every line of w1");
  }

  /**
   * What a child process with inherited streams prints reaches this JVM's standard output and error
   * before the task's result.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void childProcessWithInheritedStreamsReachesStdoutAndStderrBeforeTheResult(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    Captured streams = captured(() -> {
      for (int i = 0; i < 3; i++) {
        assertEquals(0, pool.apply(TckTasks::runChildWithInheritedStreams, "child " + i));
        assertTrue(Captured.stdoutSoFar().contains("child " + i + "\n"), "child's line before result " + i);
      }
    });
    assertEquals("child 0\nchild 1\nchild 2\n", streams.out());
    assertEquals("err:child 0\nerr:child 1\nerr:child 2\n", streams.err());
  }

  /**
   * Binary output, every byte value and more than a pipe holds, arrives whole, and the next task's
   * output follows it.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void binaryOutputArrivesWholeAndTheNextTaskStillPrints(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    byte[] everyByte = new byte[70_000]; // more than a pipe holds at once
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(everyByte);
    expected.write("next\n".getBytes(StandardCharsets.UTF_8));
    byte[] printed = capturedBytes(() -> {
      pool.apply(TckTasks::writeToDescriptorOne, everyByte);
      pool.apply(TckTasks::writeToRealStdout, "next\n");
    });
    assertArrayEquals(expected.toByteArray(), printed);
  }

  /**
   * A running task's raw output reaches this JVM while the task still runs, not only when it ends.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void rawOutputOfARunningTaskGetsOutBeforeItEnds(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    pool.apply(() -> 0); // the worker is up
    try (FileLatch latch = FileLatch.create()) {
      String path = latch.path();
      captured(() -> {
        AsyncResult<Integer> task = pool.applyAsync(() -> TckTasks.writeRawThenAwait("progress\n", path));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Captured.stdoutSoFar().contains("progress") && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertTrue(Captured.stdoutSoFar().contains("progress"), "a running task's output reached us");
        latch.release();
        assertEquals(1, task.get(30, TimeUnit.SECONDS));
      });
    }
  }

  /**
   * A task that closes {@code System.out}, as some libraries do, silences nothing: its later
   * output, and the next task's, still arrive, and the same worker answers.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.CAPTURES_OUTPUT)
  default void aTaskThatClosesSystemOutSilencesNothingAndTheProtocolHolds(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    long pid = pool.apply(CurrentProcess::pid);
    String printed = captured(() -> {
      assertEquals(1, pool.apply(() -> FaultTasks.printCloseSystemOutAndPrint("before close", "after close")));
      assertEquals(2, pool.apply(() -> TckTasks.printAndReturn("next task", 2)));
      pool.apply(TckTasks::writeToRealStdout, "raw after close\n");
    }).out();
    assertEquals("before close\nafter close\nnext task\nraw after close\n", printed);
    assertEquals(pid, pool.apply(CurrentProcess::pid), "the same worker answers");
  }

  /** What ran while this JVM's System.out/err pointed at buffers, as text. */
  record Captured(String out, String err) {
    private static final ThreadLocal<ByteArrayOutputStream> OUT = new ThreadLocal<>();

    /** What the running {@link #captured} block has seen on System.out so far. */
    static String stdoutSoFar() {
      return OUT.get().toString(StandardCharsets.UTF_8);
    }
  }

  /** A block that may throw, run with this JVM's System.out/err pointed at buffers. */
  interface Block {
    /**
     * Runs the block.
     *
     * @throws Exception whatever the block throws, which fails the test
     */
    void run() throws Exception;
  }

  /** Applies a task that writes {@code text} to descriptor 1, and checks the text arrived before the result. */
  private static void applyAndSeeItsWriteBeforeTheResult(Pool pool, TaskFunction<String, Integer> task, String text)
      throws Exception {
    pool.apply(task, text);
    assertTrue(Captured.stdoutSoFar().contains(text), "written before its result, " + text.strip() + ": " + Captured.stdoutSoFar());
  }

  private static Captured captured(Block block) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    runCapturing(out, err, block);
    return new Captured(out.toString(StandardCharsets.UTF_8).replace("\r", ""),
        err.toString(StandardCharsets.UTF_8).replace("\r", ""));
  }

  private static byte[] capturedBytes(Block block) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    runCapturing(out, new ByteArrayOutputStream(), block);
    return out.toByteArray();
  }

  private static void runCapturing(ByteArrayOutputStream out, ByteArrayOutputStream err, Block block) throws Exception {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    // ByteArrayOutputStream is synchronized: the pool prints on its threads while the test reads.
    System.setOut(new PrintStream(out, true));
    System.setErr(new PrintStream(err, true));
    Captured.OUT.set(out);
    try {
      block.run();
    } finally {
      Captured.OUT.remove();
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
