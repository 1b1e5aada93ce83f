package io.procpool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.procpool.Pool;
import io.procpool.PoolStats;
import io.procpool.WorkerStats;
import io.procpool.core.ProcessPool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The code of README's "Stats and metrics", as it stands there, run. */
@Timeout(60)
class ReadmeStatsExampleTest {

  static int square(int x) {
    return x * x;
  }

  @Test
  void readmesStatsAndMetricsCodeRuns() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    MeterRegistry registry = new SimpleMeterRegistry();
    PrintStream original = System.out;
    System.setOut(out);
    try (Pool pool = ProcessPool.create(2)) {
      pool.map(ReadmeStatsExampleTest::square, List.of(1, 2, 3, 4), 1);
      // README: from here
      PoolStats stats = pool.stats();                 // a snapshot: cheap enough to take every second
      System.out.printf("%d workers alive, %d queued, %d in flight, %d done, %d failed; run time p99 %s%n",
          stats.workersAlive(), stats.queueDepth(), stats.tasksInFlight(),
          stats.tasksDone(), stats.tasksFailed(), stats.runTime().p99());
      for (WorkerStats worker : stats.workers()) {
        System.out.println(worker.name() + " (pid " + worker.pid() + ") said: " + worker.stderrTail());
      }

      new PoolMetrics(pool, "thumbnails").bindTo(registry);   // pool-micrometer: procpool.* meters
      // README: to here
    } finally {
      System.setOut(original);
    }
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("4 done, 0 failed"), printed.toString());
    assertEquals(4, registry.get("procpool.tasks.completed").tag("outcome", "done").functionCounter().count());
  }
}
