package io.procpool.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import io.procpool.transport.pipes.PipesTransportModule;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PoolMetrics} over a real pool of two worker processes, read from a {@link SimpleMeterRegistry}. */
@Timeout(60)
class PoolMetricsTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private Pool pool;

  @AfterEach
  void terminatePool() {
    if (pool != null) {
      pool.terminate();
    }
  }

  static int failIfNegative(int x) {
    if (x < 0) {
      throw new IllegalArgumentException("negative: " + x);
    }
    return x;
  }

  @Test
  void metersFollowThePoolsStatsTaggedWithItsName() throws Exception {
    pool = ProcessPool.builder().workers(2).transport(new PipesTransportModule()).build();
    new PoolMetrics(pool, "thumbnails", Tags.of("app", "gallery")).bindTo(registry);
    assertEquals(List.of(1, 2, 3), pool.map(PoolMetricsTest::failIfNegative, List.of(1, 2, 3), 1));
    assertThrows(ExecutionException.class, () -> pool.apply(PoolMetricsTest::failIfNegative, -1));
    awaitGauge("procpool.workers.alive", 2);

    assertEquals(3, completed("done"));
    assertEquals(1, completed("failed"));
    assertEquals(2, registry.get("procpool.workers.started").tag("app", "gallery").functionCounter().count());
    assertEquals(0, registry.get("procpool.workers.died").functionCounter().count());
    assertEquals(0, registry.get("procpool.tasks.queued").gauge().value());
    assertEquals(0, registry.get("procpool.tasks.in.flight").gauge().value());
    TimeGauge median = registry.get("procpool.tasks.run.time.percentile").tag("phi", "0.5").timeGauge();
    TimeGauge max = registry.get("procpool.tasks.run.time.max").timeGauge();
    assertEquals(TimeUnit.SECONDS, median.baseTimeUnit());
    assertTrue(median.value() > 0 && median.value() <= max.value() && max.value() < 10, median.value() + " s");
    assertTrue(registry.get("procpool.tasks.queue.wait.percentile").tag("phi", "0.99").timeGauge().value() >= 0);

    pool.close();

    assertEquals(0, registry.get("procpool.workers.alive").gauge().value());
    assertEquals(3, completed("done"), "the counts outlive the pool");
  }

  @Test
  void everyMeterCarriesThePoolsNameSoTwoPoolsCanShareARegistry() {
    pool = ProcessPool.builder().workers(1).transport(new PipesTransportModule()).build();
    new PoolMetrics(pool, "a").bindTo(registry);
    new PoolMetrics(pool.withTaskTimeout(Duration.ofSeconds(5)), "b").bindTo(registry);

    assertEquals(2, registry.find("procpool.workers.alive").gauges().size());
    assertTrue(registry.getMeters().stream().allMatch(meter -> meter.getId().getTag("pool") != null));
    assertEquals(2 * 16, registry.getMeters().size(), "16 meters a pool");
  }

  @Test
  void aBlankPoolNameIsRefused() {
    pool = ProcessPool.builder().workers(1).transport(new PipesTransportModule()).build();
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> new PoolMetrics(pool, " "));
    assertTrue(blank.getMessage().contains("poolName"), blank.getMessage());
    assertThrows(NullPointerException.class, () -> new PoolMetrics(null, "x"));
  }

  private double completed(String outcome) {
    return registry.get("procpool.tasks.completed").tag("outcome", outcome).tag("pool", "thumbnails")
        .functionCounter().count();
  }

  private void awaitGauge(String name, double value) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (registry.get(name).gauge().value() != value && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(value, registry.get(name).gauge().value(), name);
  }
}
