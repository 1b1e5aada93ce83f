package io.procpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Running a parent JVM the way an application is shipped, and what it leaves behind. */
final class ShippedApps {
  private ShippedApps() {}

  /** What the parent printed, stdout and stderr together, and how it exited. */
  record Run(long pid, int exitCode, String output) {
    /** The rest of the line that starts with {@code prefix}. */
    String line(String prefix) {
      return output.lines().filter(line -> line.startsWith(prefix)).findFirst()
          .map(line -> line.substring(prefix.length()))
          .orElseGet(() -> fail("no line '" + prefix + "...' in:\n" + output));
    }

    /** The run ended well, its pool left no process, and the workers it named are gone. */
    void assertCleanExit() {
      assertEquals(0, exitCode, output);
      assertEquals("0", line("processes after close "), output);
      List<Long> workers = Arrays.stream(line("workers ").split(",")).map(Long::valueOf).toList();
      assertFalse(workers.isEmpty(), output);
      // a pid still alive is ours only if its command line names this parent: pids are reused
      String ourParent = "-Dprocpool.parent.pid=" + pid;
      List<ProcessHandle> left = workers.stream().map(ProcessHandle::of).flatMap(java.util.Optional::stream)
          .filter(ProcessHandle::isAlive)
          .filter(worker -> worker.info().commandLine().map(line -> line.contains(ourParent)).orElse(false))
          .toList();
      left.forEach(ProcessHandle::destroyForcibly); // fail, but leave nothing behind
      assertEquals(List.of(), left, "workers that outlived their parent");
    }
  }

  /** The jars an application using procpool over pipes ships: procpool's and its dependencies'. */
  static List<Path> appLibs() {
    Path dir = Path.of(System.getProperty("procpool.it.appLibs", "target/app-libs"));
    try (Stream<Path> jars = Files.list(dir)) {
      List<Path> list = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
      assertTrue(list.stream().anyMatch(jar -> jar.getFileName().toString().startsWith("pool-core-")), list.toString());
      return list;
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": run the build through generate-test-resources first", e);
    }
  }

  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** Runs {@code command}; a parent still running after a minute is killed, with its workers. */
  static Run run(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(command);
    full.add(0, java().toString());
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), output), "shipped-app-output");
    reader.start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("still running after 60 s: " + full + "\n" + output.toString(StandardCharsets.UTF_8));
      }
      reader.join(5_000);
      return new Run(process.pid(), process.exitValue(), output.toString(StandardCharsets.UTF_8));
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // the process is gone: what it printed is what we have
    }
  }
}
