package io.procpool.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Thread dumps of this JVM and of the live workers, taken with the JDK's {@code jstack -l} (locks
 * included) when the soak sees a hang, into files of the run's output directory.
 */
final class StackDumps {
  private final Path directory;
  private final WorkerProcesses workers;
  private int taken;

  StackDumps(Path directory, WorkerProcesses workers) {
    this.directory = directory;
    this.workers = workers;
  }

  /** Dumps this JVM and every live worker; returns the files written. */
  synchronized List<Path> dumpAll(String why) {
    taken++;
    List<Path> files = new ArrayList<>();
    List<Long> pids = new ArrayList<>();
    pids.add(ProcessHandle.current().pid());
    workers.live().forEach(worker -> pids.add(worker.pid()));
    for (long pid : pids) {
      Path file = directory.resolve("stacks-" + taken + "-" + (pid == ProcessHandle.current().pid() ? "parent-" : "worker-")
          + pid + ".txt");
      if (jstack(pid, file, why)) {
        files.add(file);
      }
    }
    return files;
  }

  private static boolean jstack(long pid, Path file, String why) {
    Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
    try {
      Files.writeString(file, "# " + why + "\n");
      Process process = new ProcessBuilder(jstack.toString(), "-l", Long.toString(pid))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
          .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return true;
    } catch (IOException e) {
      System.out.println("# jstack " + pid + " failed: " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
