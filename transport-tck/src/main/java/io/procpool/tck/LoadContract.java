package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Big values and many tasks at once. */
public interface LoadContract extends TransportTestKit {

  /**
   * A 24 MiB argument and a 24 MiB result travel intact.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void payloadsOfTensOfMebibytesRoundTrip(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    byte[] big = TckTasks.bytesOf(24 * 1024 * 1024);
    assertArrayEquals(big, pool.apply(TckTasks::echo, big));
    assertArrayEquals(big, pool.apply(() -> TckTasks.bytesOf(24 * 1024 * 1024)));
  }

  /**
   * Ten thousand tasks submitted from four threads at once all come back, each with its own value.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void thousandsOfTasksFromManyThreadsAllComeBackRight(Pools pools) throws Exception {
    Pool pool = pools.start(2);
    ExecutorService submitters = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<AsyncResult<Integer>>>> batches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * 2500;
        batches.add(submitters.submit(() -> {
          List<AsyncResult<Integer>> results = new ArrayList<>();
          for (int i = base; i < base + 2500; i++) {
            results.add(pool.applyAsync(TckTasks::square, i % 1000));
          }
          return results;
        }));
      }
      int index = 0;
      for (Future<List<AsyncResult<Integer>>> batch : batches) {
        for (AsyncResult<Integer> result : batch.get()) {
          assertEquals((index % 1000) * (index % 1000), result.get());
          index++;
        }
      }
      assertEquals(10_000, index);
    } finally {
      submitters.shutdownNow();
    }
  }
}
