package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools nobody closed: one that becomes unreachable is terminated with a warning naming where it
 * was built; one with accepted work keeps its JVM alive until that work and its callbacks are
 * done; a JVM that exits anyway starts no replacement workers and logs what it dropped.
 */
public interface UnclosedPoolContract extends TransportTestKit {
  /** What the warning about a pool nobody closed says. */
  String UNCLOSED_WARNING = "never closed";

  /**
   * A pool nobody closes is terminated once it is unreachable, with one warning naming where it was
   * built, and leaves no worker.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aPoolNobodyClosesIsTerminatedOnceUnreachable(Pools pools) throws Exception {
    try (PoolLogCapture log = new PoolLogCapture()) {
      useAndForget(pools.builder(2).build());
      String here = "aPoolNobodyClosesIsTerminatedOnceUnreachable";
      assertTrue(collectGarbageUntil(() -> !log.containing(here).isEmpty() && Pools.liveWorkers().isEmpty()),
          "the pool was not terminated after it became unreachable; workers: " + Pools.liveWorkers());
      List<String> warnings = log.containing(here);
      assertEquals(1, warnings.size(), "one warning, naming where the pool was built: " + warnings);
      assertTrue(warnings.get(0).contains(UNCLOSED_WARNING), warnings.get(0));
      assertTrue(warnings.get(0).contains(UnclosedPoolContract.class.getName() + "." + here), warnings.get(0));
    }
  }

  private static void useAndForget(Pool pool) throws Exception {
    assertEquals(List.of(1, 4, 9), pool.map(TckTasks::square, List.of(1, 2, 3), 1));
  }

  /**
   * A pool still referenced is not terminated by garbage collection.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aPoolStillReferencedIsNotTerminatedByGarbageCollection(Pools pools) throws Exception {
    try (PoolLogCapture log = new PoolLogCapture()) {
      Pool pool = pools.start(1);
      pool.apply(() -> 1);
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(100);
      }
      assertEquals(4, pool.apply(TckTasks::square, 2));
      assertEquals(List.of(), log.containing("aPoolStillReferencedIsNotTerminatedByGarbageCollection"));
      Reference.reachabilityFence(pool);
    }
  }

  /**
   * A pool referenced only through its timeout view is not terminated by garbage collection.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aPoolHeldOnlyThroughItsTimeoutViewIsNotTerminatedByGarbageCollection(Pools pools) throws Exception {
    try (PoolLogCapture log = new PoolLogCapture()) {
      Pool view = timeoutViewOf(pools.builder(1).build()); // the pool itself is referenced from nowhere else
      for (int i = 0; i < 10; i++) {
        System.gc();
        Thread.sleep(100);
      }
      assertEquals(4, view.apply(TckTasks::square, 2));
      assertEquals(List.of(), log.containing("aPoolHeldOnlyThroughItsTimeoutViewIsNotTerminatedByGarbageCollection"));
      view.close();
    }
  }

  private static Pool timeoutViewOf(Pool pool) {
    return pool.withTaskTimeout(Duration.ofMinutes(1));
  }

  /**
   * A forgotten pool finishes its task before it is terminated, even though the task's result is
   * still referenced.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  default void aForgottenPoolFinishesItsTasksThenIsTerminatedThoughItsResultIsKept(Pools pools) throws Exception {
    try (PoolLogCapture log = new PoolLogCapture()) {
      AsyncResult<Integer> result = submitAndForget(pools.builder(1).build());
      assertTrue(collectGarbageUntil(result::ready), "the task did not complete");
      assertEquals(7, result.get(), "the pool was terminated under its own task");
      String here = "aForgottenPoolFinishesItsTasksThenIsTerminatedThoughItsResultIsKept";
      assertTrue(collectGarbageUntil(() -> !log.containing(here).isEmpty() && Pools.liveWorkers().isEmpty()),
          "the pool was not terminated after its task; workers: " + Pools.liveWorkers());
      Reference.reachabilityFence(result);
    }
  }

  private static AsyncResult<Integer> submitAndForget(Pool pool) {
    return pool.applyAsync(() -> TckTasks.sleepThenReturn(1500, 7));
  }

  /** Runs the collector until {@code condition} holds; false if it still does not after 30 s. */
  private static boolean collectGarbageUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      System.gc();
      Thread.sleep(100);
    }
    return true;
  }

  /**
   * A program that returns from {@code main} with tasks pending gets their callbacks, then exits by
   * itself, leaving no worker.
   *
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES)
  default void aProgramThatReturnsWithTasksPendingGetsItsCallbacksThenExits() throws Exception {
    Program program = Program.start("returnWithPendingTasks", this);
    try {
      assertTrue(program.process.waitFor(45, TimeUnit.SECONDS), "the program did not exit by itself");
      List<String> out = program.stdout();
      assertTrue(out.contains("RETURNING"), "the program did not run: " + out + program.stderr());
      assertEquals(List.of("RESULT 0", "RESULT 1", "RESULT 2"),
          out.stream().filter(line -> line.startsWith("RESULT")).sorted().collect(Collectors.toList()),
          "callbacks of accepted tasks did not run before the JVM exited; stderr: " + program.stderr());
      program.assertWorkersGone();
    } finally {
      program.kill();
    }
  }

  /**
   * A program that calls {@code System.exit} with tasks pending logs how many it dropped, and
   * leaves no worker.
   *
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES)
  default void exitingWithTasksPendingLogsHowManyWereDropped() throws Exception {
    Program program = Program.start("exitWithPendingTasks", this);
    try {
      assertTrue(program.process.waitFor(45, TimeUnit.SECONDS), "the program did not exit");
      String stderr = program.stderr();
      assertTrue(stderr.contains("exiting with 3 accepted task(s)"), stderr);
      program.assertWorkersGone();
    } finally {
      program.kill();
    }
  }

  /**
   * A SIGTERM during a {@code map} ends the program without it starting replacements for the
   * workers it kills, and logs the tasks it dropped.
   *
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.SEPARATE_PROCESSES)
  default void sigtermDuringAMapStartsNoReplacementWorkers(@TempDir Path dir) throws Exception {
    Path launches = dir.resolve("launches");
    Program program = Program.start("mapUntilKilled", this, recordingJava(dir, launches).toString());
    try {
      assertTrue(program.awaitLine("RUNNING"), "the map did not start: " + program.stderr());
      program.process.destroy(); // SIGTERM
      assertTrue(program.process.waitFor(45, TimeUnit.SECONDS), "the program did not exit on SIGTERM");
      program.assertWorkersGone();
      assertEquals(List.of("PoolWorker-1", "PoolWorker-2", "PoolWorker-3", "PoolWorker-4"),
          Files.readAllLines(launches).stream().sorted().collect(Collectors.toList()),
          "the workers this JVM started; any more are replacements started while it exited");
      assertTrue(program.stderr().contains("exiting with 8 accepted task(s)"), program.stderr());
    } finally {
      program.kill();
    }
  }

  /**
   * A java for the workers that first writes the worker's name to {@code launches}: a record of
   * every worker launched, even one that the parent's exit leaves no time to say anything.
   */
  private static Path recordingJava(Path dir, Path launches) throws IOException {
    Path script = dir.resolve("recording-java");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(script, "#!/bin/sh\n"
        + "for arg in \"$@\"; do case \"$arg\" in -Dprocpool.worker.name=*) echo \"${arg#*=}\" >> '" + launches
        + "';; esac; done\n"
        + "exec '" + java + "' \"$@\"\n");
    script.toFile().setExecutable(true);
    return script;
  }

  /** One of {@link UnclosedPoolPrograms} in a JVM of its own; its stderr goes to a file. */
  final class Program {
    final Process process;
    private final Path stderrFile;
    private final List<String> stdout = new ArrayList<>();
    private final BufferedReader reader;

    private Program(Process process, Path stderrFile) {
      this.process = process;
      this.stderrFile = stderrFile;
      this.reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Program start(String name, TransportTestKit kit, String... arguments) throws IOException {
      Path stderr = Files.createTempFile("procpool-unclosed-", ".err");
      List<String> command = new ArrayList<>(List.of(name, kit.transportModule().getClass().getName()));
      command.addAll(List.of(arguments));
      command = KitLaunch.programCommand(kit, UnclosedPoolPrograms.class, command.toArray(String[]::new));
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      return new Program(process, stderr);
    }

    /** Reads stdout until {@code line}; false if the program closed it first. */
    boolean awaitLine(String line) throws IOException {
      for (String next; (next = reader.readLine()) != null; ) {
        stdout.add(next);
        if (next.equals(line)) {
          return true;
        }
      }
      return false;
    }

    /** All of stdout, once the program has exited. */
    List<String> stdout() throws IOException {
      awaitLine(null);
      return stdout;
    }

    String stderr() throws IOException {
      return Files.readString(stderrFile);
    }

    /** Waits until no worker of this program is alive, by their command lines, which name its pid. */
    void assertWorkersGone() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!workers().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(List.of(), workers().stream().map(ProcessHandle::pid).collect(Collectors.toList()),
          "workers outlived their program");
    }

    private List<ProcessHandle> workers() {
      String parent = "procpool.parent.pid=" + process.pid();
      return ProcessHandle.allProcesses()
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().commandLine().orElse("").contains(parent))
          .collect(Collectors.toList());
    }

    /** Leaves nothing behind: the program and any worker of its own. */
    void kill() throws IOException {
      workers().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      workers().forEach(ProcessHandle::destroyForcibly);
      reader.close();
      Files.deleteIfExists(stderrFile);
    }
  }
}
