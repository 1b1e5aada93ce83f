package io.procpool.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * What {@code Pool.stats()} adds to each task's path (issue 12), in isolation, where a whole-pool
 * benchmark on a shared machine cannot resolve it: a task's future completed as the pool completes
 * it, with and without what the pool's statistics do per task (the future counting itself as it
 * completes, as pool-core's TaskResult does, one {@code System.nanoTime} at submit, which a task
 * handed over at once shares, and two wait-free {@link Recorder} records), in nanoseconds per task,
 * the median of rounds of a million. CPU time of this thread, not wall time: on a shared machine
 * the wall clock also counts the time other processes had the core. Prints figures; asserts
 * nothing.
 *
 * <pre>java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt)" \
 *   io.procpool.bench.StatsHotPathCost</pre>
 */
public final class StatsHotPathCost {
  private static final int TASKS = 1_000_000;
  private static final int ROUNDS = 15;

  private static final LongAdder done = new LongAdder();

  /** Counts itself first, then completes, as TaskResult does. */
  private static final class CountingFuture extends CompletableFuture<Object> {
    @Override
    public boolean complete(Object value) {
      done.increment();
      if (super.complete(value)) {
        return true;
      }
      done.decrement();
      return false;
    }
  }
  private static final Recorder queueWait = new Recorder(2);
  private static final Recorder runTime = new Recorder(2);
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private StatsHotPathCost() {}

  public static void main(String[] args) {
    double[] without = new double[ROUNDS];
    double[] with = new double[ROUNDS];
    for (int round = -5; round < ROUNDS; round++) { // five untimed rounds: the JIT first
      double a = nanosPerTask(false);
      double b = nanosPerTask(true);
      if (round >= 0) {
        without[round] = a;
        with[round] = b;
      }
    }
    Arrays.sort(without);
    Arrays.sort(with);
    System.out.printf("per task, future completed: %.1f ns; with the stats' work: %.1f ns; added: %.1f ns%n",
        without[ROUNDS / 2], with[ROUNDS / 2], with[ROUNDS / 2] - without[ROUNDS / 2]);
  }

  private static double nanosPerTask(boolean stats) {
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < TASKS; i++) {
      CompletableFuture<Object> result = stats ? new CountingFuture() : new CompletableFuture<>();
      if (stats) {
        long submitted = System.nanoTime();
        queueWait.recordValue(Math.max(0, submitted - submitted));
        runTime.recordValue(1_000 + (i & 1023));
      }
      result.complete(i);
      sink = result;
    }
    return (CPU.getCurrentThreadCpuTime() - start) / (double) TASKS;
  }
}
