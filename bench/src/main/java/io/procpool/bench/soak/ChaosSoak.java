package io.procpool.bench.soak;

import io.procpool.Pool;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The chaos soak of issue 11: for a set time, client threads make every kind of call (apply,
 * applyAsync, map, mapAsync, imap, imapUnordered, mapOutcomes; a quarter through a
 * {@code withTaskTimeout} view, with tasks that overrun it), cancel some tasks, and submit tasks
 * that throw, while a chaos thread SIGKILLs a random worker every 1-3 s. Then it closes the pool
 * and checks that every task was accounted for exactly once, that none ran twice (the workers
 * record each start: {@link StartLog}), that memory stayed flat and that no process is left.
 * Prints a summary and exits 1 if any invariant broke, 2 on a bad command line.
 *
 * <p>Not part of {@code mvn verify}: run it with {@code bash bench/soak.sh [options]} (see
 * {@link SoakOptions#USAGE}).
 */
public final class ChaosSoak {
  /** How long close() may take once the clients are done: its tasks are all short by then. */
  static final Duration CLOSE_LIMIT = Duration.ofSeconds(120);

  private ChaosSoak() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(SoakOptions.USAGE);
      return;
    }
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && !e.getMessage().isEmpty()) {
        System.err.println(e.getMessage());
      }
      System.err.print(SoakOptions.USAGE);
      System.exit(2);
      return;
    }
    boolean passed = run(options);
    System.out.flush();
    System.exit(passed ? 0 : 1);
  }

  static boolean run(SoakOptions options) throws Exception {
    Path out = options.out() != null ? Files.createDirectories(options.out()) : Files.createTempDirectory("procpool-soak-");
    Path startLog = Files.createDirectories(out.resolve("started"));
    WorkerProcesses workers = new WorkerProcesses(ProcessHandle.current().pid() + "-" + System.currentTimeMillis());
    Findings findings = new Findings();
    Ledger ledger = new Ledger(findings);
    printHeader(options, out, workers);

    PoolBuilder builder = ProcessPool.builder().transport(options.transport()).workers(options.workers())
        .systemProperty(StartLog.DIRECTORY_PROPERTY, startLog.toString())
        .systemProperty(WorkerProcesses.MARKER_PROPERTY, workers.runId());
    if (options.maxTasksPerChild() > 0) {
      builder.maxTasksPerChild(options.maxTasksPerChild());
    }
    Pool pool = builder.build();

    WorkerKiller killer = new WorkerKiller(workers, options.seed() ^ 0x5DEECE66DL, options.killMinSeconds(),
        options.killMaxSeconds(), options.killMinAge());
    CallWatch watch = new CallWatch();
    CallStats stats = new CallStats();
    StackDumps dumps = new StackDumps(out, workers);
    Sampler sampler = new Sampler(options, ledger, findings, watch, workers, killer, dumps, System.nanoTime());
    sampler.sample("start");

    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> clients = new ArrayList<>();
    for (int i = 1; i <= options.clients(); i++) {
      SoakClient client = new SoakClient("client-" + i, pool, options, options.seed() + i * 0x9E3779B97F4A7C15L, ledger,
          findings, watch, stats, stop);
      clients.add(start("soak-client-" + i, client));
    }
    Thread chaos = options.kills() ? start("soak-chaos", killer) : null;
    Thread observer = start("soak-sampler", sampler);

    Thread.sleep(options.duration().toMillis());
    stop.set(true);
    killer.stop();
    Duration ran = sampler.elapsed();
    System.out.println("# " + MemorySample.clock(ran) + " submitting stopped, chaos stopped; waiting for the calls in progress");
    awaitClients(clients, options, watch, findings, dumps, sampler);
    if (chaos != null) {
      chaos.join();
    }
    MemorySample baseline = sampler.baseline();
    MemorySample end = sampler.sample("end (pool still open)");
    sampler.stop();
    observer.join();

    closeWithin(pool, findings, dumps);
    ProcessCensus afterClose = ProcessCensus.take(workers, List.of());
    pool.terminate();
    StartRecords records = StartRecords.read(startLog, ledger.lastId());
    ProcessCensus afterTerminate = ProcessCensus.take(workers, records.pids());

    SoakReport report = new SoakReport(ledger, records, findings);
    report.checkTasks();
    report.checkMemory(baseline, end, sampler.samplesFrom(baseline.elapsed()), options.workers());
    report.checkProcesses("after close()", afterClose);
    report.checkProcesses("after terminate()", afterTerminate);
    boolean passed = report.print(options, ran, killer.kills(), killer.spared(), stats, sampler, baseline, end,
        afterClose, afterTerminate);
    System.out.println("output: " + out + " (start records in started/, stack dumps if any)");
    return passed;
  }

  private static void printHeader(SoakOptions options, Path out, WorkerProcesses workers) {
    System.out.println("== procpool chaos soak ==");
    System.out.println("seed " + options.seed() + " (rerun with --seed " + options.seed() + ")");
    System.out.println("transport " + options.transport() + ", " + options.workers() + " workers, " + options.clients()
        + " clients, " + MemorySample.clock(options.duration()) + " of submitting, memory baseline after "
        + options.warmup().toSeconds() + " s, a sample every " + options.sampleEvery().toSeconds() + " s");
    System.out.println("chaos: " + (options.kills() ? "a SIGKILL every " + options.killMinSeconds() + "-"
        + options.killMaxSeconds() + " s to a random worker at least " + options.killMinAge().toMillis() + " ms old"
        : "none (--no-kills)") + "; withTaskTimeout " + options.taskTimeout().toMillis() + " ms"
        + (options.maxTasksPerChild() > 0 ? "; maxTasksPerChild " + options.maxTasksPerChild() : ""));
    System.out.println("parent: pid " + ProcessHandle.current().pid() + ", " + Runtime.version() + ", max heap "
        + MemorySample.mib(Runtime.getRuntime().maxMemory()) + " MiB; workers marked -D"
        + WorkerProcesses.MARKER_PROPERTY + "=" + workers.runId());
    System.out.println("output: " + out);
  }

  private static Thread start(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true); // a client stuck in a hung call must not keep the JVM from reporting and exiting
    thread.start();
    return thread;
  }

  /**
   * Waits for the clients' last calls; the sampler keeps watching for hangs meanwhile. A client
   * still in a call after the hang limit and a minute more is reported, and left: its tasks have
   * no outcome, so they count as lost.
   */
  private static void awaitClients(List<Thread> clients, SoakOptions options, CallWatch watch, Findings findings,
                                   StackDumps dumps, Sampler sampler) throws InterruptedException {
    long deadline = System.nanoTime() + options.hangAfter().plusSeconds(60).toNanos();
    for (Thread client : clients) {
      while (client.isAlive() && System.nanoTime() < deadline) {
        client.join(1000);
        sampler.lookForHangs();
      }
    }
    List<CallWatch.InProgress> stuck = watch.inProgress();
    if (!stuck.isEmpty()) {
      String what = "HANG: calls still in progress after the run: " + stuck;
      System.out.println("# " + what + "; dumping stacks");
      findings.add("HANG", what + "; stacks: " + dumps.dumpAll(what));
    }
  }

  /** close() on a thread of its own, so that if it hangs the soak can say so, dump stacks and terminate. */
  private static void closeWithin(Pool pool, Findings findings, StackDumps dumps) throws InterruptedException {
    long start = System.nanoTime();
    Thread closer = start("soak-close", pool::close);
    closer.join(CLOSE_LIMIT.toMillis());
    if (closer.isAlive()) {
      String what = "HANG: pool.close() has not returned after " + CLOSE_LIMIT.toSeconds() + " s";
      System.out.println("# " + what + "; dumping stacks, then terminate()");
      findings.add("HANG", what + "; stacks: " + dumps.dumpAll(what));
    } else {
      System.out.println("# pool.close() returned in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    }
  }
}
