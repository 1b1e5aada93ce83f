package io.procpool.examples;

import io.procpool.AsyncResult;
import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The seed's third program: a pool of four, {@code mapAsync} over 0..9, the list and the time. */
public final class SeedMap {
  private SeedMap() {}

  static int work(int num) {
    System.out.println("current process: " + CurrentProcess.name());
    return num;
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    List<Integer> values;
    try (Pool pool = ProcessPool.create(4)) { // close() = Python's close() and join()
      AsyncResult<List<Integer>> result = pool.mapAsync(SeedMap::work, range(10)); // returns at once
      values = result.get();
    }
    System.out.println(values);
    System.out.printf("time taken: %.2fs%n", (System.nanoTime() - start) / 1e9);
  }

  static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().collect(Collectors.toList());
  }
}
