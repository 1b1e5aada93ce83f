package io.procpool.examples;

import io.procpool.Pool;
import io.procpool.PoolListener;
import io.procpool.TaskEvent;
import io.procpool.core.ProcessPool;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A live progress line for a long map, drawn from the pool's task events. */
public final class ProgressExample {
  private ProgressExample() {}

  static long slowSquare(long x) {
    Busy.spin(2_000_000);
    return x * x;
  }

  /** Counts finished items and redraws one line; runs on the pool's callback thread. */
  static final class ProgressLine implements PoolListener {
    private final int total;
    private final AtomicInteger done = new AtomicInteger();

    ProgressLine(int total) {
      this.total = total;
    }

    @Override
    public void taskFinished(TaskEvent event) {
      int finished = done.addAndGet(event.items());
      int width = 40;
      int filled = finished * width / total;
      System.out.printf("\r[%s%s] %d/%d items, last chunk by %s", "#".repeat(filled), ".".repeat(width - filled),
          finished, total, event.workerName());
      if (finished == total) {
        System.out.println();
      }
    }
  }

  public static void main(String[] args) throws Exception {
    List<Long> items = IntStream.range(0, 400).mapToObj(Long::valueOf).collect(Collectors.toList());
    try (Pool pool = ProcessPool.builder().workers(2).listener(new ProgressLine(items.size())).build()) {
      List<Long> squares = pool.map(ProgressExample::slowSquare, items, 10);
      Thread.sleep(100); // let the callback thread draw the last step before the summary
      System.out.println("sum of squares: " + squares.stream().mapToLong(Long::longValue).sum());
    }
  }
}
