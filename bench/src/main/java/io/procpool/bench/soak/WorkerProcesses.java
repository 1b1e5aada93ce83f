package io.procpool.bench.soak;

import io.procpool.CurrentProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * This run's worker processes, as the operating system sees them: children of this JVM whose
 * command line has {@code procpool.worker.name} and this run's marker (a system property every
 * worker of the soak's pool gets). The marker tells ours from the workers of anyone else's pool on
 * a shared machine.
 */
final class WorkerProcesses {
  /** The system property that marks this run's workers. */
  static final String MARKER_PROPERTY = "procpool.soak.run";

  private final String runId;
  /** What a worker's command line holds: {@code -Dprocpool.soak.run=<runId>}. */
  private final String marker;

  WorkerProcesses(String runId) {
    this.runId = runId;
    this.marker = MARKER_PROPERTY + "=" + runId;
  }

  /** The value of the marker property, for the pool's builder. */
  String runId() {
    return runId;
  }

  /** The text {@code pgrep -f} looks for to find this run's processes, wherever they are. */
  String marker() {
    return marker;
  }

  /** This run's live worker processes, children of this JVM. */
  List<ProcessHandle> live() {
    return ProcessHandle.current().children().filter(this::isOurs).collect(Collectors.toList());
  }

  boolean isOurs(ProcessHandle process) {
    String commandLine = process.info().commandLine().orElse("");
    return commandLine.contains(CurrentProcess.NAME_PROPERTY) && commandLine.contains(marker);
  }

  /** Every child of this JVM still there, worker or not. */
  static List<ProcessHandle> children() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive).collect(Collectors.toList());
  }

  /** What {@code pgrep -f PATTERN} finds, less this JVM and pgrep itself; empty if pgrep is missing. */
  static List<Long> pgrep(String pattern) {
    List<Long> pids = new ArrayList<>();
    try {
      Process pgrep = new ProcessBuilder("pgrep", "-f", pattern).redirectErrorStream(true).start();
      String out = new String(pgrep.getInputStream().readAllBytes());
      if (!pgrep.waitFor(30, TimeUnit.SECONDS)) {
        pgrep.destroyForcibly();
      }
      for (String line : out.split("\\s+")) {
        if (!line.isBlank()) {
          long pid = Long.parseLong(line.trim());
          if (pid != ProcessHandle.current().pid() && pid != pgrep.pid()) {
            pids.add(pid);
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      System.out.println("# pgrep -f " + pattern + " could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return pids;
  }

  /** This JVM's resident set, in KiB. */
  static OptionalLong ownRssKib() {
    return rssKib(ProcessHandle.current().pid());
  }

  /** A process's resident set from /proc/PID/status, in KiB; empty if it is gone (or not Linux). */
  static OptionalLong rssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone between listing and reading: no figure
    }
    return OptionalLong.empty();
  }
}
