package io.procpool.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.procpool.LatencyStats;
import io.procpool.Pool;
import io.procpool.PoolStats;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Binds a pool's {@link Pool#stats()} to a Micrometer registry, every meter tagged
 * {@code pool=<name>} (and with the tags given):
 *
 * <table>
 *   <caption>The meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>What</th></tr>
 *   <tr><td>{@code procpool.workers.alive}</td><td>gauge</td><td>worker processes connected now</td></tr>
 *   <tr><td>{@code procpool.workers.started}</td><td>counter</td><td>workers launched, replacements included</td></tr>
 *   <tr><td>{@code procpool.workers.died}</td><td>counter</td><td>workers that ended without being let go</td></tr>
 *   <tr><td>{@code procpool.workers.retired}</td><td>counter</td><td>workers let go after {@code maxTasksPerChild}</td></tr>
 *   <tr><td>{@code procpool.tasks.queued}</td><td>gauge</td><td>tasks accepted that no worker holds yet</td></tr>
 *   <tr><td>{@code procpool.tasks.in.flight}</td><td>gauge</td><td>tasks sent to a worker and not yet answered</td></tr>
 *   <tr><td>{@code procpool.tasks.completed}</td><td>counter, tag {@code outcome=done|failed}</td>
 *       <td>tasks completed with a value, or not (an exception, a cancel)</td></tr>
 *   <tr><td>{@code procpool.tasks.queue.wait.percentile}</td><td>time gauge, tag {@code phi=0.5|0.9|0.99}</td>
 *       <td>submission to hand-off to a worker</td></tr>
 *   <tr><td>{@code procpool.tasks.queue.wait.max}</td><td>time gauge</td><td>the longest of those</td></tr>
 *   <tr><td>{@code procpool.tasks.run.time.percentile}</td><td>time gauge, tag {@code phi=0.5|0.9|0.99}</td>
 *       <td>a task's run in its worker, as the worker measured it</td></tr>
 *   <tr><td>{@code procpool.tasks.run.time.max}</td><td>time gauge</td><td>the longest of those</td></tr>
 * </table>
 *
 * <p>A map chunk counts as one task. Percentiles are over every task since the pool was built, as
 * {@link LatencyStats} says, and are published as Micrometer publishes a timer's own (a gauge per
 * percentile, tagged {@code phi}); time gauges are in the registry's base time unit, seconds for
 * most. Each meter reads a fresh {@link Pool#stats()} when the registry reads it, which costs a few
 * microseconds. The registry holds the pool weakly, as Micrometer's own binders hold what they
 * measure, so binding it does not keep a pool nobody closed from being cleaned up; once the pool
 * is closed the meters keep its last counts.
 *
 * <pre>{@code
 * new PoolMetrics(pool, "thumbnails").bindTo(registry);
 * }</pre>
 */
public final class PoolMetrics implements MeterBinder {
  private static final String PREFIX = "procpool.";

  private final Pool pool;
  private final Tags tags;

  /**
   * Meters for {@code pool}, tagged {@code pool=<poolName>}.
   *
   * @param pool the pool to measure
   * @param poolName the name that tells this pool's meters from another's
   * @throws NullPointerException if either is null
   * @throws IllegalArgumentException if {@code poolName} is blank
   */
  public PoolMetrics(Pool pool, String poolName) {
    this(pool, poolName, Tags.empty());
  }

  /**
   * Meters for {@code pool}, tagged {@code pool=<poolName>} and with {@code tags}.
   *
   * @param pool the pool to measure
   * @param poolName the name that tells this pool's meters from another's
   * @param tags more tags for every meter (an application's, a region's)
   * @throws NullPointerException if any is null
   * @throws IllegalArgumentException if {@code poolName} is blank
   */
  public PoolMetrics(Pool pool, String poolName, Iterable<Tag> tags) {
    this.pool = Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(poolName, "poolName");
    if (poolName.isBlank()) {
      throw new IllegalArgumentException("poolName must not be blank: it tags every meter of the pool");
    }
    this.tags = Tags.concat(Objects.requireNonNull(tags, "tags"), "pool", poolName);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "workers.alive", "worker processes connected now", "workers", PoolStats::workersAlive);
    workerCounter(registry, "workers.started", "worker processes launched, the first ones and every replacement",
        PoolStats::workersStarted);
    workerCounter(registry, "workers.died", "workers that ended without being let go: crashed, killed, stopped"
        + " for a task's timeout", PoolStats::workersDied);
    workerCounter(registry, "workers.retired", "workers let go after running maxTasksPerChild tasks",
        PoolStats::workersRetired);
    gauge(registry, "tasks.queued", "tasks accepted that no worker holds yet", "tasks", PoolStats::queueDepth);
    gauge(registry, "tasks.in.flight", "tasks sent to a worker and not yet answered", "tasks",
        PoolStats::tasksInFlight);
    FunctionCounter.builder(PREFIX + "tasks.completed", pool, p -> p.stats().tasksDone())
        .description("tasks completed with a value").baseUnit("tasks").tags(tags).tag("outcome", "done")
        .register(registry);
    FunctionCounter.builder(PREFIX + "tasks.completed", pool, p -> p.stats().tasksFailed())
        .description("tasks completed with an exception, or cancelled").baseUnit("tasks").tags(tags)
        .tag("outcome", "failed").register(registry);
    latency(registry, "tasks.queue.wait", "time from submission to the moment a worker was handed the task",
        PoolStats::queueWait);
    latency(registry, "tasks.run.time", "time a worker spent running a task, as the worker measured it",
        PoolStats::runTime);
  }

  private void gauge(MeterRegistry registry, String name, String description, String unit,
                     ToDoubleFunction<PoolStats> value) {
    Gauge.builder(PREFIX + name, pool, p -> value.applyAsDouble(p.stats()))
        .description(description).baseUnit(unit).tags(tags).register(registry);
  }

  private void workerCounter(MeterRegistry registry, String name, String description,
                             ToDoubleFunction<PoolStats> value) {
    FunctionCounter.builder(PREFIX + name, pool, p -> value.applyAsDouble(p.stats()))
        .description(description).baseUnit("workers").tags(tags).register(registry);
  }

  private void latency(MeterRegistry registry, String name, String description,
                       Function<PoolStats, LatencyStats> times) {
    percentile(registry, name, description, "0.5", times.andThen(LatencyStats::p50));
    percentile(registry, name, description, "0.9", times.andThen(LatencyStats::p90));
    percentile(registry, name, description, "0.99", times.andThen(LatencyStats::p99));
    TimeGauge.builder(PREFIX + name + ".max", pool, TimeUnit.NANOSECONDS,
            p -> times.apply(p.stats()).max().toNanos())
        .description("the longest " + description).tags(tags).register(registry);
  }

  private void percentile(MeterRegistry registry, String name, String description, String phi,
                          Function<PoolStats, Duration> percentile) {
    TimeGauge.builder(PREFIX + name + ".percentile", pool, TimeUnit.NANOSECONDS,
            p -> percentile.apply(p.stats()).toNanos())
        .description(description).tags(tags).tag("phi", phi).register(registry);
  }
}
