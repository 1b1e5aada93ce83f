package io.procpool.progressbar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Outcome;
import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.core.ProcessPool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plain-lines display (output that is not a terminal), following calls of a real pool over pipes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleProgressTest {
  private static Pool pool;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void startPool() {
    pool = ProcessPool.builder().workers(2).transport("pipes").build();
  }

  @AfterAll
  static void closePool() {
    pool.terminate();
  }

  static int slowSquare(int x) throws InterruptedException {
    Thread.sleep(25);
    return x * x;
  }

  static int failIfOdd(int x) {
    if (x % 2 == 1) {
      throw new IllegalArgumentException("odd: " + x);
    }
    return x;
  }

  private ConsoleProgress.Options plainLines() {
    return ConsoleProgress.options().out(out).terminal(false).interval(Duration.ofMillis(100));
  }

  private List<String> lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(text.contains("\r"), "no carriage return off a terminal: " + text);
    assertTrue(text.endsWith(System.lineSeparator()), text);
    List<String> lines = text.lines().collect(Collectors.toList());
    for (int i = 1; i < lines.size(); i++) {
      assertNotEquals(lines.get(i - 1), lines.get(i), "the same line twice: " + lines);
    }
    return lines;
  }

  @Test
  void aMapIsShownAsPlainLinesFromNoneToAllItemsWithTheLastDrawnBeforeCloseReturns() throws Exception {
    AsyncResult<List<Integer>> squares = pool.mapAsync(ConsoleProgressTest::slowSquare, range(40), 2);
    try (ConsoleProgress bar = plainLines().of(squares, "squares")) {
      assertEquals(40, squares.get().size());
    }
    List<String> lines = lines();
    assertTrue(lines.get(0).startsWith("squares "), lines.get(0));
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("squares 100% [") && last.contains("] 40/40 items ("), last);
    assertTrue(last.matches(".*\\) \\d+\\.\\d items/s$"), "ends with the rate: " + last);
    for (String line : lines) {
      assertTrue(line.startsWith("squares "), "every line is the task's: " + lines);
      assertTrue(line.length() <= 100, line);
    }
    int before = bytes.size();
    Thread.sleep(300); // three intervals: an ended bar draws no more
    assertEquals(before, bytes.size());
  }

  /** As under {@code mvn exec:java}, which waits at exit for every thread of the program's group. */
  @Test
  void theLibrarysDrawingThreadIsNotBornInTheCallersThreadGroup() throws Exception {
    ThreadGroup program = new ThreadGroup("a program's own group");
    Throwable[] failure = new Throwable[1];
    Thread main = new Thread(program, () -> {
      try {
        AsyncResult<List<Integer>> squares = pool.mapAsync(ConsoleProgressTest::slowSquare, range(4), 1);
        try (ConsoleProgress bar = plainLines().of(squares, "squares")) {
          squares.get();
        }
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "program-main");
    main.start();
    main.join();
    assertEquals(null, failure[0]);
    // The pool's accepted-work thread may linger a moment after the last result, as exec:java should
    // see (it keeps the JVM up for pending callbacks), then ends; the drawing thread never would.
    assertEquals(List.of(), threadsLeftAfterTheyEnd(program, Duration.ofSeconds(5)),
        "threads left in the program's group");
    List<ThreadGroup> drawingGroups = Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("ProgressBar")).map(Thread::getThreadGroup)
        .collect(Collectors.toList());
    assertEquals(1, drawingGroups.size(), "progressbar's one drawing thread");
    assertEquals(null, drawingGroups.get(0).getParent(), "born in the root group: " + drawingGroups.get(0));
  }

  private static List<String> threadsLeftAfterTheyEnd(ThreadGroup group, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      Thread[] left = new Thread[group.activeCount() + 8];
      int count = group.enumerate(left);
      List<String> names = Arrays.stream(left, 0, count).map(Thread::getName).collect(Collectors.toList());
      if (names.isEmpty() || System.nanoTime() > deadline) {
        return names;
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aLazyImapShowsAnUnknownTotalUntilItsInputEndsAndFailuresOnTheLine() {
    Iterable<Integer> lazy = () -> IntStream.range(0, 1000).iterator(); // not a Collection: its size is not known
    try (ResultIterator<Integer> results = pool.imap(ConsoleProgressTest::failIfOdd, lazy, 10);
         ConsoleProgress bar = plainLines().of(results, "evens")) {
      int failed = 0;
      while (results.hasNext()) {
        try {
          results.next();
        } catch (RuntimeException expected) {
          failed++;
        }
      }
      assertEquals(500, failed);
    }
    List<String> lines = lines();
    assertTrue(lines.get(0).contains("/? items"), "the total is not known at first: " + lines.get(0));
    String last = lines.get(lines.size() - 1);
    assertTrue(last.contains(" 1000/1000 items (") && last.endsWith("(500 failed)"), last);
  }

  @Test
  void aFinishedCallEndsItsLineByItselfAndCloseAddsNothing() throws Exception {
    AsyncResult<List<Outcome<Integer>>> outcomes = pool.mapOutcomesAsync(ConsoleProgressTest::failIfOdd, range(6), 1);
    ConsoleProgress bar = plainLines().of(outcomes, "outcomes");
    outcomes.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!bytes.toString(StandardCharsets.UTF_8).contains("6/6 items") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    int ended = bytes.size();
    bar.close();
    assertEquals(ended, bytes.size(), "closing an ended line draws nothing more");
    assertTrue(lines().get(lines().size() - 1).endsWith("(3 failed)"), lines().toString());
  }

  @Test
  void badArgumentsAreClearErrors() {
    IllegalArgumentException interval = assertThrows(IllegalArgumentException.class,
        () -> ConsoleProgress.options().interval(Duration.ZERO));
    assertEquals("interval must be positive, was PT0S", interval.getMessage());
    assertThrows(NullPointerException.class, () -> ConsoleProgress.of((AsyncResult<?>) null, "task"));
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }
}
