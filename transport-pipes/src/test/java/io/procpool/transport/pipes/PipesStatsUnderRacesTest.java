package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.PoolStats;
import io.procpool.tck.Pools;
import io.procpool.tck.TckTasks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code Pool.stats()} counts every task exactly once, done or failed, while submitters race,
 * tasks are cancelled and workers crash: over real processes, once (the kit's StatsContract checks
 * the counts of each transport, one thing at a time).
 */
class PipesStatsUnderRacesTest extends PipesKit {

  @Test
  void everyTaskAcceptedIsCountedOnceThoughSubmittersRaceTasksAreCancelledAndWorkersCrash(Pools pools)
      throws Exception {
    Pool pool = pools.start(2);
    List<AsyncResult<?>> results = Collections.synchronizedList(new ArrayList<>());
    ExecutorService submitters = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> submitting = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        submitting.add(submitters.submit(() -> {
          for (int i = 0; i < 50; i++) {
            int n = thread * 100 + i;
            AsyncResult<?> result = thread == 0 && i == 31 ? pool.applyAsync(TckTasks::halt, 3) // a crash
                : n % 7 == 0 ? pool.applyAsync(TckTasks::failIfNegative, -n)
                : pool.applyAsync(() -> TckTasks.sleepThenReturn(2, n));
            results.add(result);
            if (n % 5 == 0) {
              result.cancel(false); // cancelled if it has not begun; else it runs
            }
          }
        }));
      }
      for (Future<?> submitted : submitting) {
        submitted.get();
      }
    } finally {
      submitters.shutdown();
    }
    pool.close();

    long succeeded = results.stream().filter(AsyncResult::successful).count();
    assertTrue(results.stream().allMatch(AsyncResult::ready), "close() returns once every result is complete");
    PoolStats stats = pool.stats();
    assertEquals(200, stats.tasksDone() + stats.tasksFailed(), stats.toString());
    assertEquals(succeeded, stats.tasksDone(), stats.toString());
    assertEquals(1, stats.workersDied(), stats.toString());
    assertEquals(3, stats.workersStarted(), stats.toString());
  }
}
