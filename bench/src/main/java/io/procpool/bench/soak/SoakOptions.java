package io.procpool.bench.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The soak's command line. Every default is what {@code bash bench/soak.sh} with no flags runs:
 * 10 minutes on pipes, 2 workers (the benchmark's count, one per core here), a SIGKILL every
 * 1-3 s.
 *
 * @param killMinSeconds the shortest pause between two kills; with {@code killMaxSeconds} 0, no kills
 * @param killMinAge a worker younger than this is spared: a worker killed before it is ready
 *     counts as a start failure, and three in a row stop the pool's restarts by design (that is a
 *     bad JVM option's signature), which is not what this soak is after; 0 kills any worker
 * @param warmup when the memory baseline is taken: the JIT, the class data sharing archive and
 *     the pools of both sides have settled by then
 */
record SoakOptions(Duration duration, String transport, int workers, int clients, long seed,
                   double killMinSeconds, double killMaxSeconds, Duration killMinAge, Duration taskTimeout,
                   int maxTasksPerChild, Duration warmup, Duration sampleEvery, Duration hangAfter, Path out) {

  static final Set<String> TRANSPORTS = Set.of("pipes", "netty");

  static final String USAGE = """
      usage: ChaosSoak [--minutes N | --seconds N] [--transport pipes|netty] [--workers N] [--clients N]
                       [--seed N] [--kill-every MIN-MAX | --no-kills] [--kill-min-age-ms N]
                       [--task-timeout-ms N] [--max-tasks-per-child N] [--warmup-seconds N]
                       [--sample-seconds N] [--hang-seconds N] [--out DIR]
        --minutes/--seconds   how long tasks are submitted (default 10 minutes)
        --transport           pipes (default) or netty
        --workers             worker processes (default 2)
        --clients             threads submitting calls, each one call at a time (default 4)
        --seed                the run's random seed (default: from the clock; printed at the start)
        --kill-every MIN-MAX  seconds between two SIGKILLs of a random worker (default 1-3)
        --kill-min-age-ms     spare workers younger than this (default 1000; 0: kill any)
        --task-timeout-ms     the withTaskTimeout view's timeout (default 500)
        --max-tasks-per-child also retire workers after N tasks (default: never)
        --warmup-seconds      when the memory baseline is taken (default 60, or a fifth of a shorter run)
        --sample-seconds      progress line and memory sample every N s (default 30)
        --hang-seconds        a call that takes longer is a HANG: stacks are dumped (default 120)
        --out DIR             start records, stack dumps (default: a new temp directory)
      """;

  static SoakOptions parse(String[] args) {
    Duration duration = Duration.ofMinutes(10);
    String transport = "pipes";
    int workers = 2;
    int clients = 4;
    long seed = System.nanoTime() ^ System.currentTimeMillis();
    double killMin = 1;
    double killMax = 3;
    Duration killMinAge = Duration.ofMillis(1000);
    Duration taskTimeout = Duration.ofMillis(500);
    int maxTasksPerChild = 0;
    Duration warmup = null;
    Duration sampleEvery = Duration.ofSeconds(30);
    Duration hangAfter = Duration.ofSeconds(120);
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--no-kills")) {
        killMin = 0;
        killMax = 0;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--minutes" -> duration = Duration.ofSeconds(Math.round(Double.parseDouble(value) * 60));
        case "--seconds" -> duration = Duration.ofSeconds(Long.parseLong(value));
        case "--transport" -> transport = value;
        case "--workers" -> workers = Integer.parseInt(value);
        case "--clients" -> clients = Integer.parseInt(value);
        case "--seed" -> seed = Long.parseLong(value);
        case "--kill-every" -> {
          String[] range = value.split("-", 2);
          killMin = Double.parseDouble(range[0]);
          killMax = range.length > 1 ? Double.parseDouble(range[1]) : killMin;
        }
        case "--kill-min-age-ms" -> killMinAge = Duration.ofMillis(Long.parseLong(value));
        case "--task-timeout-ms" -> taskTimeout = Duration.ofMillis(Long.parseLong(value));
        case "--max-tasks-per-child" -> maxTasksPerChild = Integer.parseInt(value);
        case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(value));
        case "--sample-seconds" -> sampleEvery = Duration.ofSeconds(Long.parseLong(value));
        case "--hang-seconds" -> hangAfter = Duration.ofSeconds(Long.parseLong(value));
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (!TRANSPORTS.contains(transport)) {
      // inprocess has no worker processes to kill, nor a pid per worker for the start records
      throw new IllegalArgumentException("--transport must be pipes or netty, was " + transport);
    }
    if (duration.isZero() || duration.isNegative() || workers < 1 || clients < 1 || killMin < 0 || killMax < killMin
        || taskTimeout.isZero() || taskTimeout.isNegative() || maxTasksPerChild < 0 || sampleEvery.isZero()) {
      throw new IllegalArgumentException("a duration, --workers, --clients or --task-timeout-ms is out of range");
    }
    if (warmup == null) {
      warmup = duration.dividedBy(5).compareTo(Duration.ofSeconds(60)) < 0 ? duration.dividedBy(5) : Duration.ofSeconds(60);
    }
    return new SoakOptions(duration, transport, workers, clients, seed, killMin, killMax, killMinAge, taskTimeout,
        maxTasksPerChild, warmup, sampleEvery, hangAfter, out);
  }

  boolean kills() {
    return killMaxSeconds > 0;
  }
}
