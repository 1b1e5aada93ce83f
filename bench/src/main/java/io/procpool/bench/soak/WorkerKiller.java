package io.procpool.bench.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The chaos: every {@code min}-{@code max} seconds, at random, SIGKILLs one of this run's worker
 * processes ({@link ProcessHandle#destroyForcibly()} is SIGKILL on Linux), as the OOM killer or an
 * operator would, with no warning to the pool.
 */
final class WorkerKiller implements Runnable {
  private final WorkerProcesses workers;
  private final Random random;
  private final double minSeconds;
  private final double maxSeconds;
  private final Duration minAge;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong kills = new AtomicLong();
  /** Times a kill was due but no worker was old enough (or none was up). */
  private final AtomicLong spared = new AtomicLong();

  WorkerKiller(WorkerProcesses workers, long seed, double minSeconds, double maxSeconds, Duration minAge) {
    this.workers = workers;
    this.random = new Random(seed);
    this.minSeconds = minSeconds;
    this.maxSeconds = maxSeconds;
    this.minAge = minAge;
  }

  @Override
  public void run() {
    try {
      while (!stop.get()) {
        double pause = minSeconds + random.nextDouble() * (maxSeconds - minSeconds);
        Thread.sleep(Math.max(1, Math.round(pause * 1000)));
        if (!stop.get()) {
          killOne();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void killOne() {
    Instant bornBefore = Instant.now().minus(minAge);
    List<ProcessHandle> victims = workers.live().stream()
        .filter(p -> p.info().startInstant().map(start -> !start.isAfter(bornBefore)).orElse(true))
        .collect(Collectors.toList());
    if (victims.isEmpty()) {
      spared.incrementAndGet();
      return;
    }
    if (victims.get(random.nextInt(victims.size())).destroyForcibly()) {
      kills.incrementAndGet();
    }
  }

  void stop() {
    stop.set(true);
  }

  long kills() {
    return kills.get();
  }

  long spared() {
    return spared.get();
  }
}
