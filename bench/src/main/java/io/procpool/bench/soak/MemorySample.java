package io.procpool.bench.soak;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The memory of the parent and of its live workers at one moment: the parent's heap in use right
 * after a full collection ({@code System.gc()}, which G1 runs as one, synchronously), so that what
 * remains is what is still referenced, and the resident sets from /proc/PID/status.
 *
 * @param elapsed since the soak started submitting
 * @param tasks tasks handed out so far
 * @param heapAfterGc parent heap in use after the collection, bytes
 * @param ledgerBytes what the soak's own ledger holds of that
 * @param rssKib the parent's resident set
 * @param workerRssKib each live worker's resident set
 * @param openFiles the parent's open file descriptors (each worker has a few pipes or a socket)
 * @param threads the parent's live threads
 * @param kills so far
 */
record MemorySample(Duration elapsed, long tasks, long heapAfterGc, long ledgerBytes, long rssKib,
                    List<Long> workerRssKib, int openFiles, int threads, long kills) {

  static MemorySample take(Duration elapsed, long tasks, long ledgerBytes, WorkerProcesses workers, long kills) {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    List<Long> workerRss = new ArrayList<>();
    for (ProcessHandle worker : workers.live()) {
      OptionalLong rss = WorkerProcesses.rssKib(worker.pid());
      rss.ifPresent(workerRss::add);
    }
    return new MemorySample(elapsed, tasks, heap, ledgerBytes, WorkerProcesses.ownRssKib().orElse(-1), workerRss,
        countOpenFiles(), ManagementFactory.getThreadMXBean().getThreadCount(), kills);
  }

  private static int countOpenFiles() {
    String[] descriptors = new File("/proc/self/fd").list();
    return descriptors == null ? -1 : descriptors.length;
  }

  /** Heap in use after GC less the ledger's share: what the pool (and the soak's calls in flight) hold. */
  long heapLessLedger() {
    return heapAfterGc - ledgerBytes;
  }

  long workerRssMaxKib() {
    return workerRssKib.stream().mapToLong(Long::longValue).max().orElse(-1);
  }

  String workerRssRange() {
    if (workerRssKib.isEmpty()) {
      return "none up";
    }
    long min = workerRssKib.stream().mapToLong(Long::longValue).min().orElse(0);
    return workerRssKib.size() + " up, " + mib(min * 1024) + "-" + mib(workerRssMaxKib() * 1024) + " MiB";
  }

  static String header() {
    return String.format(Locale.ROOT, "  %8s %10s %8s %12s %10s %9s %5s %7s  %s", "time", "tasks", "kills",
        "heap MiB", "ledger MiB", "RSS MiB", "fds", "threads", "workers (RSS)");
  }

  String row(String note) {
    return String.format(Locale.ROOT, "  %8s %10d %8d %12s %10s %9s %5d %7d  %s%s", clock(elapsed), tasks, kills,
        mib(heapAfterGc), mib(ledgerBytes), mib(rssKib * 1024), openFiles, threads, workerRssRange(),
        note.isEmpty() ? "" : "  <- " + note);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  static String clock(Duration elapsed) {
    long seconds = elapsed.toSeconds();
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
