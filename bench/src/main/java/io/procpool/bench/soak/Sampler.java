package io.procpool.bench.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The soak's observer thread: a progress line and a {@link MemorySample} every
 * {@code sampleEvery}, the memory baseline once the warm-up is over, and, every second, a look for
 * calls that have hung (each one is reported once, with stack dumps of the parent and workers).
 */
final class Sampler implements Runnable {
  private final SoakOptions options;
  private final Ledger ledger;
  private final Findings findings;
  private final CallWatch watch;
  private final WorkerProcesses workers;
  private final WorkerKiller killer;
  private final StackDumps dumps;
  private final long startNanos;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<MemorySample> samples = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private volatile MemorySample baseline;

  Sampler(SoakOptions options, Ledger ledger, Findings findings, CallWatch watch, WorkerProcesses workers,
          WorkerKiller killer, StackDumps dumps, long startNanos) {
    this.options = options;
    this.ledger = ledger;
    this.findings = findings;
    this.watch = watch;
    this.workers = workers;
    this.killer = killer;
    this.dumps = dumps;
    this.startNanos = startNanos;
  }

  @Override
  public void run() {
    Duration nextSample = options.sampleEvery();
    try {
      while (!stop.get()) {
        Thread.sleep(1000);
        lookForHangs();
        Duration elapsed = elapsed();
        if (baseline == null && elapsed.compareTo(options.warmup()) >= 0) {
          baseline = sample("baseline (end of warm-up)");
          progress(baseline);
        }
        if (elapsed.compareTo(nextSample) >= 0) {
          progress(sample(""));
          nextSample = nextSample.plus(options.sampleEvery());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void lookForHangs() {
    for (CallWatch.InProgress call : watch.newlyOverdue(options.hangAfter())) {
      String what = "HANG: " + call + ", past --hang-seconds " + options.hangAfter().toSeconds();
      System.out.println("# " + what + "; dumping stacks");
      List<Path> files = dumps.dumpAll(what);
      findings.add("HANG", what + "; stacks: " + files);
    }
  }

  synchronized MemorySample sample(String note) {
    MemorySample sample = MemorySample.take(elapsed(), ledger.lastId(), ledger.bytes(), workers, killer.kills());
    samples.add(sample);
    notes.add(note);
    return sample;
  }

  private void progress(MemorySample sample) {
    System.out.printf(Locale.ROOT, "[%s] tasks %d (%d with outcome): values %d, own %d, died %d, timeout %d,"
            + " cancelled %d, unexpected %d | kills %d | parent heap %s MiB, RSS %s MiB | workers %s%n",
        MemorySample.clock(sample.elapsed()), sample.tasks(), ledger.settled(), ledger.count(TaskOutcome.VALUE),
        ledger.count(TaskOutcome.OWN_EXCEPTION), ledger.count(TaskOutcome.WORKER_DIED),
        ledger.count(TaskOutcome.TIMED_OUT), ledger.count(TaskOutcome.CANCELLED), unexpected(), sample.kills(),
        MemorySample.mib(sample.heapAfterGc()), MemorySample.mib(sample.rssKib() * 1024), sample.workerRssRange());
  }

  private long unexpected() {
    long sum = 0;
    for (TaskOutcome outcome : TaskOutcome.values()) {
      if (!outcome.expected) {
        sum += ledger.count(outcome);
      }
    }
    return sum;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  void stop() {
    stop.set(true);
  }

  /** The baseline, taken now if the run was shorter than its warm-up. */
  MemorySample baseline() {
    if (baseline == null) {
      baseline = sample("baseline (run shorter than the warm-up)");
    }
    return baseline;
  }

  /** The samples taken at or after {@code from}, in order. */
  synchronized List<MemorySample> samplesFrom(Duration from) {
    List<MemorySample> later = new ArrayList<>();
    samples.stream().filter(sample -> sample.elapsed().compareTo(from) >= 0).forEach(later::add);
    return later;
  }

  /** The samples so far as a table, marked with their notes. */
  synchronized String table() {
    StringBuilder text = new StringBuilder(MemorySample.header()).append('\n');
    for (int i = 0; i < samples.size(); i++) {
      text.append(samples.get(i).row(notes.get(i))).append('\n');
    }
    return text.toString();
  }
}
