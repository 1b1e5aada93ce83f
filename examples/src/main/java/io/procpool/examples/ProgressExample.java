package io.procpool.examples;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.ResultIterator;
import io.procpool.core.ProcessPool;
import io.procpool.progressbar.ConsoleProgress;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * A live progress line for a long map and for an imap over a lazy input, from
 * {@code pool-progressbar}; the line goes to standard error, redrawn in place on a terminal.
 */
public final class ProgressExample {
  private ProgressExample() {}

  static long slowSquare(long x) {
    Busy.spin(2_000_000);
    return x * x;
  }

  public static void main(String[] args) throws Exception {
    List<Long> items = IntStream.range(0, 400).mapToObj(Long::valueOf).collect(Collectors.toList());
    try (Pool pool = ProcessPool.builder().workers(2).build()) {
      AsyncResult<List<Long>> squares = pool.mapAsync(ProgressExample::slowSquare, items, 10);
      try (ConsoleProgress bar = ConsoleProgress.of(squares, "squares")) {
        squares.get(); // the bar follows the map meanwhile; closing it draws its last line
      }
      System.out.println("sum of squares: " + squares.get().stream().mapToLong(Long::longValue).sum());

      Iterable<Long> lazy = () -> LongStream.range(0, 600).iterator(); // its size is known only at its end
      long sum = 0;
      try (ResultIterator<Long> results = pool.imap(ProgressExample::slowSquare, lazy, 10);
           ConsoleProgress bar = ConsoleProgress.of(results, "imap squares")) {
        while (results.hasNext()) {
          sum += results.next();
        }
      }
      System.out.println("sum of 600 squares: " + sum);
    }
  }
}
