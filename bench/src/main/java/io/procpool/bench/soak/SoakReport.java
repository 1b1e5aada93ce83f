package io.procpool.bench.soak;

import java.io.IOException;
import java.time.Duration;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of the soak: goes once over every task of the {@link Ledger} against the
 * {@link StartRecords}, adds what the memory samples and the process census say, prints the
 * summary and says whether every invariant held. Each broken invariant is a {@link Findings}
 * kind in capitals; lower-case lines are information.
 */
final class SoakReport {
  /**
   * Parent heap after GC may grow this much (beyond the ledger's own growth) from the baseline to
   * the end: what is in flight at a sample (four calls of at most 400 tasks) is well under 1 MiB,
   * so more is something the pool keeps.
   */
  static final long HEAP_GROWTH_LIMIT = 4L << 20;
  /** Parent RSS may grow this much: the heap is fixed and pre-touched by soak.sh, so growth is native memory. */
  static final long RSS_GROWTH_LIMIT = 64L << 20;
  /** The largest live worker's RSS may grow this much: workers are replaced all the time, so all are young. */
  static final long WORKER_RSS_GROWTH_LIMIT = 32L << 20;
  /** Each live worker holds a few descriptors (pipes, or a socket) and threads of the parent's; beyond that, a leak. */
  static final int FDS_PER_WORKER = 4;
  static final int THREADS_PER_WORKER = 3;

  private final Ledger ledger;
  private final StartRecords records;
  private final Findings findings;
  private final Map<TaskOutcome, Long> outcomes = new EnumMap<>(TaskOutcome.class);
  private final Map<String, Long> info = new LinkedHashMap<>();
  private long lost;
  private String heapTrend = "";

  SoakReport(Ledger ledger, StartRecords records, Findings findings) {
    this.ledger = ledger;
    this.records = records;
    this.findings = findings;
    for (TaskOutcome outcome : TaskOutcome.values()) {
      outcomes.put(outcome, 0L);
    }
  }

  /** Checks every task: one outcome, of a kind its task can have, consistent with its start records. */
  void checkTasks() throws IOException {
    BitSet cancelledYetRan = new BitSet();
    for (long id = 1; id <= ledger.lastId(); id++) {
      int state = ledger.state(id);
      TaskOutcome outcome = Ledger.outcomeOf(state);
      boolean started = records.started(id);
      if (Ledger.cancelledWaiting(state) && started) {
        cancelledYetRan.set((int) id);
      }
      if (outcome == null) {
        lost++;
        findings.add("LOST (no outcome)", describe(id, state, started));
        continue;
      }
      outcomes.merge(outcome, 1L, Long::sum);
      checkAgainstRecords(id, state, outcome, started);
      if (!Ledger.ofCall(state)) {
        checkAgainstKind(id, state, outcome, started);
      }
    }
    BitSet explain = (BitSet) cancelledYetRan.clone();
    explain.or(records.runTwice());
    Map<Long, List<StartRecords.Start>> starts = records.startsOf(explain);
    records.runTwice().stream().forEach(id -> findings.add("RUN TWICE",
        describe(id, ledger.state(id), true) + "; its starts: " + starts.get((long) id)));
    cancelledYetRan.stream().forEach(id -> findings.add(
        "CANCELLED BEFORE IT BEGAN (cancel(false) returned true), YET IT RAN", cancelledYetRan(id, starts.get((long) id))));
    records.unknownIds().forEach(entry -> findings.add("UNKNOWN id in the start records", entry));
  }

  /** A task that cancel(false) said would not run, and that ran: when each side did what. */
  private String cancelledYetRan(long id, List<StartRecords.Start> starts) {
    long[] cancel = ledger.cancelTimes(id);
    StringBuilder text = new StringBuilder(describe(id, ledger.state(id), true));
    text.append("; cancel(false) called at ").append(cancel[0]).append(" us, returned true at ").append(cancel[1])
        .append(" us (epoch)");
    for (StartRecords.Start start : starts) {
      text.append("; started in worker pid ").append(start.pid()).append(" at ").append(start.epochMicros())
          .append(" us, ").append(start.epochMicros() - cancel[0]).append(" us after cancel was called");
    }
    return text.toString();
  }

  private void checkAgainstRecords(long id, int state, TaskOutcome outcome, boolean started) {
    boolean single = Ledger.callOf(state) == Ledger.Call.APPLY || Ledger.callOf(state) == Ledger.Call.APPLY_ASYNC;
    if ((outcome == TaskOutcome.VALUE || outcome == TaskOutcome.WRONG_VALUE) && !started) {
      findings.add("VALUE WITHOUT A START RECORD", describe(id, state, false));
    }
    if (outcome == TaskOutcome.OWN_EXCEPTION && !Ledger.ofCall(state) && !started) {
      findings.add("OWN EXCEPTION WITHOUT A START RECORD", describe(id, state, false));
    }
    if (outcome == TaskOutcome.WORKER_DIED && single) {
      count(started ? "WorkerDiedException of apply/applyAsync, had started"
          : "WorkerDiedException of apply/applyAsync, had not started");
    }
    if (outcome == TaskOutcome.TIMED_OUT && single && !started) {
      count("TaskTimeoutException of apply/applyAsync with no start record (stopped before its first line ran)");
    }
    if (Ledger.cancelledAny(state)) {
      count(started ? "cancel(true) returned true, had started" : "cancel(true) returned true, had not started");
    }
    if (Ledger.cancelledWaiting(state)) {
      count("cancel(false) returned true (must never have started)");
    }
  }

  /** What each kind of task may end with, when the outcome is its own rather than its call's. */
  private void checkAgainstKind(long id, int state, TaskOutcome outcome, boolean started) {
    SoakTask.Kind kind = Ledger.kindOf(state);
    Ledger.Call call = Ledger.callOf(state);
    boolean cancelled = Ledger.cancelledWaiting(state) || Ledger.cancelledAny(state);
    String wrong = null;
    if (outcome == TaskOutcome.VALUE && (kind == SoakTask.Kind.THROW || kind == SoakTask.Kind.OVERRUN)) {
      wrong = "a " + kind + " task returned a value";
    } else if (outcome == TaskOutcome.OWN_EXCEPTION && kind != SoakTask.Kind.THROW) {
      wrong = "a " + kind + " task failed with the task's own exception";
    } else if (outcome == TaskOutcome.TIMED_OUT && !Ledger.timed(state)) {
      wrong = "a task with no timeout timed out";
    } else if (cancelled && outcome != TaskOutcome.CANCELLED) {
      wrong = "cancel returned true, but the result was " + outcome;
    } else if (!cancelled && outcome == TaskOutcome.CANCELLED) {
      wrong = "cancelled, though no cancel of it returned true";
    }
    if (wrong != null) {
      findings.add("WRONG OUTCOME for the task", wrong + ": " + describe(id, state, started) + " (" + call + ")");
    }
    if (outcome == TaskOutcome.TIMED_OUT && kind != SoakTask.Kind.OVERRUN
        && (call == Ledger.Call.APPLY || call == Ledger.Call.APPLY_ASYNC)) {
      count("TaskTimeoutException of an apply/applyAsync task meant to finish in time (machine load)");
    }
  }

  private void count(String what) {
    info.merge(what, 1L, Long::sum);
  }

  private static String describe(long id, int state, boolean started) {
    return "task " + id + " " + Ledger.kindOf(state) + " via " + Ledger.callOf(state)
        + (Ledger.timed(state) ? " (timed)" : "")
        + (Ledger.cancelledWaiting(state) ? " [cancel(false) true]" : "")
        + (Ledger.cancelledAny(state) ? " [cancel(true) true]" : "")
        + ", outcome " + Ledger.outcomeOf(state) + (Ledger.ofCall(state) ? " (its call's)" : "")
        + ", " + (started ? "started" : "no start record");
  }

  /** Memory, descriptors and threads at the baseline against the end; a growth past its limit is a finding. */
  void checkMemory(MemorySample baseline, MemorySample end, List<MemorySample> since, int workers) {
    long heapGrowth = end.heapLessLedger() - baseline.heapLessLedger();
    heapTrend = String.format(Locale.ROOT, "%+.2f MiB/min by least squares over %d samples; %+.1f KiB per worker that ran"
        + " tasks", slopeMiBPerMinute(since), since.size(), heapGrowth / 1024.0 / Math.max(1, records.files()));
    if (heapGrowth > HEAP_GROWTH_LIMIT) {
      findings.add("PARENT HEAP GREW", MemorySample.mib(heapGrowth) + " MiB beyond the ledger's growth, limit "
          + MemorySample.mib(HEAP_GROWTH_LIMIT) + " (" + heapTrend + ")");
    }
    long rssGrowth = (end.rssKib() - baseline.rssKib()) * 1024;
    if (baseline.rssKib() > 0 && rssGrowth > RSS_GROWTH_LIMIT) {
      findings.add("PARENT RSS GREW", MemorySample.mib(rssGrowth) + " MiB, limit " + MemorySample.mib(RSS_GROWTH_LIMIT));
    }
    long workerGrowth = (end.workerRssMaxKib() - baseline.workerRssMaxKib()) * 1024;
    if (baseline.workerRssMaxKib() > 0 && end.workerRssMaxKib() > 0 && workerGrowth > WORKER_RSS_GROWTH_LIMIT) {
      findings.add("WORKER RSS GREW", MemorySample.mib(workerGrowth) + " MiB (largest live worker), limit "
          + MemorySample.mib(WORKER_RSS_GROWTH_LIMIT));
    }
    if (end.openFiles() - baseline.openFiles() > FDS_PER_WORKER * workers) {
      findings.add("PARENT FILE DESCRIPTORS GREW", baseline.openFiles() + " -> " + end.openFiles() + ", limit +"
          + FDS_PER_WORKER * workers);
    }
    if (end.threads() - baseline.threads() > THREADS_PER_WORKER * workers) {
      findings.add("PARENT THREADS GREW", baseline.threads() + " -> " + end.threads() + ", limit +"
          + THREADS_PER_WORKER * workers);
    }
  }

  /** The heap's (less the ledger's) trend over the samples, in MiB per minute. */
  private static double slopeMiBPerMinute(List<MemorySample> samples) {
    if (samples.size() < 2) {
      return 0;
    }
    double meanT = samples.stream().mapToDouble(s -> s.elapsed().toMillis() / 60000.0).average().orElse(0);
    double meanH = samples.stream().mapToDouble(s -> s.heapLessLedger() / 1048576.0).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (MemorySample sample : samples) {
      double t = sample.elapsed().toMillis() / 60000.0 - meanT;
      covariance += t * (sample.heapLessLedger() / 1048576.0 - meanH);
      variance += t * t;
    }
    return variance == 0 ? 0 : covariance / variance;
  }

  void checkProcesses(String when, ProcessCensus census) {
    if (census.left() > 0) {
      findings.add("PROCESSES LEFT " + when, census.toString());
    }
  }

  /** Prints the summary; returns whether every invariant held. */
  boolean print(SoakOptions options, Duration ran, long kills, long spared, CallStats calls, Sampler sampler,
                MemorySample baseline, MemorySample end, ProcessCensus afterClose, ProcessCensus afterTerminate) {
    long failures = 0;
    StringBuilder byType = new StringBuilder();
    for (TaskOutcome outcome : TaskOutcome.values()) {
      if (outcome != TaskOutcome.VALUE) {
        failures += outcomes.get(outcome);
        if (outcomes.get(outcome) > 0 || outcome.expected) {
          byType.append(String.format(Locale.ROOT, "    %-36s %10d%s%n", outcome.label, outcomes.get(outcome),
              outcome.expected ? "" : "   <- must be 0"));
        }
      }
    }
    System.out.println();
    System.out.println("== procpool chaos soak: summary ==");
    line("seed", options.seed() + "   (rerun: --seed " + options.seed() + "; thread timing still differs)");
    line("transport", options.transport() + ", " + options.workers() + " workers, " + options.clients()
        + " client threads, withTaskTimeout " + options.taskTimeout().toMillis() + " ms"
        + (options.maxTasksPerChild() > 0 ? ", maxTasksPerChild " + options.maxTasksPerChild() : ""));
    line("duration", MemorySample.clock(ran) + " of submitting (asked " + MemorySample.clock(options.duration())
        + "), memory baseline at " + MemorySample.clock(baseline.elapsed()));
    line("calls", calls.calls() + "");
    line("tasks submitted", ledger.lastId() + "");
    line("values", outcomes.get(TaskOutcome.VALUE) + " (each checked against its id)");
    line("failures", failures + ", by type:");
    System.out.print(byType);
    line("kills (SIGKILL)", kills + (options.kills() ? " (every " + options.killMinSeconds() + "-" + options.killMaxSeconds()
        + " s; " + spared + " times no worker was old enough)" : " (--no-kills)"));
    line("workers that ran tasks", records.files() + " processes, " + records.records() + " start records");
    line("tasks lost", lost + "   <- must be 0");
    line("duplicate outcomes", findings.count("DUPLICATE outcome") + findings.count("DUPLICATE/UNKNOWN outcome")
        + "   <- must be 0");
    line("tasks run twice", records.runTwice().cardinality() + "   <- must be 0");
    line("parent heap after GC", MemorySample.mib(baseline.heapAfterGc()) + " -> " + MemorySample.mib(end.heapAfterGc())
        + " MiB (the soak's ledger " + MemorySample.mib(baseline.ledgerBytes()) + " -> " + MemorySample.mib(end.ledgerBytes())
        + " MiB of it; limit +" + MemorySample.mib(HEAP_GROWTH_LIMIT) + " beyond the ledger)");
    line("", "trend " + heapTrend);
    line("parent RSS", MemorySample.mib(baseline.rssKib() * 1024) + " -> " + MemorySample.mib(end.rssKib() * 1024)
        + " MiB (limit +" + MemorySample.mib(RSS_GROWTH_LIMIT) + ")");
    line("parent fds, threads", baseline.openFiles() + " -> " + end.openFiles() + ", " + baseline.threads() + " -> "
        + end.threads());
    line("worker RSS", baseline.workerRssRange() + " -> " + end.workerRssRange() + " (largest: limit +"
        + MemorySample.mib(WORKER_RSS_GROWTH_LIMIT) + ")");
    line("processes left", "after close(): " + afterClose + "   <- must be 0");
    line("", "after terminate(): " + afterTerminate + "   <- must be 0");
    System.out.println();
    System.out.println("calls (latency from the first submission to the last outcome taken):");
    System.out.print(calls.table());
    System.out.println("memory samples:");
    System.out.print(sampler.table());
    System.out.println("information:");
    info.forEach((what, n) -> System.out.printf(Locale.ROOT, "  %-80s %9d%n", what, n));
    if (!records.tornFiles().isEmpty()) {
      System.out.println("  start-record files whose length is not a whole number of records: " + records.tornFiles());
    }
    System.out.println();
    if (findings.isEmpty()) {
      System.out.println("RESULT: PASS (every invariant held)");
      return true;
    }
    System.out.println("RESULT: FAIL; what broke:");
    System.out.print(findings.describe());
    return false;
  }

  private static void line(String name, String value) {
    System.out.printf(Locale.ROOT, "%-24s %s%n", name, value);
  }
}
