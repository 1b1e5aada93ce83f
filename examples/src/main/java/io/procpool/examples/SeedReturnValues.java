package io.procpool.examples;

import io.procpool.AsyncResult;
import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's second program: a pool of one, twelve asynchronous calls that each return their
 * argument, collected in order with {@code get()}, and the time it all took.
 */
public final class SeedReturnValues {
  private SeedReturnValues() {}

  static int work(int num) {
    Busy.spin(100_000_000);
    System.out.println("current process: " + CurrentProcess.name());
    return num;
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Pool pool = ProcessPool.create(1);
    List<AsyncResult<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      results.add(pool.applyAsync(SeedReturnValues::work, i));
    }
    for (AsyncResult<Integer> result : results) {
      System.out.println(result.get()); // the task's return value
    }
    pool.shutdown();
    pool.join();
    System.out.printf("time taken: %.2fs%n", (System.nanoTime() - start) / 1e9);
  }
}
