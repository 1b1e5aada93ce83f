package io.procpool.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.core.internal.events.Loggers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When workers get a CDS archive, when a pool trains one, and what becomes of a dump. */
class WorkerCdsTest {
  private static final String TRANSPORT = "some.Transport";
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path temp;
  private Path cache;
  private List<String> jars;
  private String savedDir;

  @BeforeEach
  void setUp() throws IOException {
    cache = temp.resolve("cds");
    savedDir = System.setProperty(WorkerCds.DIR_PROPERTY, cache.toString());
    jars = List.of(emptyJar("a.jar"), emptyJar("b.jar"));
  }

  @AfterEach
  void restore() {
    if (savedDir == null) {
      System.clearProperty(WorkerCds.DIR_PROPERTY);
    } else {
      System.setProperty(WorkerCds.DIR_PROPERTY, savedDir);
    }
  }

  @Test
  void offForDirectoriesOtherJavasAndUserCdsOptions() throws IOException {
    List<String> withDirectory = List.of(jars.get(0), Files.createDirectory(temp.resolve("classes")).toString());
    for (WorkerCds cds : List.of(
        WorkerCds.forWorkers(true, JAVA, withDirectory, List.of(), TRANSPORT),
        WorkerCds.forWorkers(false, JAVA, jars, List.of(), TRANSPORT),
        WorkerCds.forWorkers(true, JAVA, jars, List.of("-Xshare:off"), TRANSPORT),
        WorkerCds.forWorkers(true, JAVA, jars, List.of("-XX:SharedArchiveFile=/x.jsa"), TRANSPORT),
        WorkerCds.forWorkers(true, JAVA, List.of(), List.of(), TRANSPORT))) {
      assertEquals(List.of(), cds.workerOptions());
      assertNull(cds.training());
    }
  }

  @Test
  void oneTrainingAtATimeThenWorkersMapTheArchive() throws IOException {
    WorkerCds first = WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT);
    assertEquals(List.of(), first.workerOptions(), "no archive yet");
    WorkerCds.Launch training = first.training();
    assertNotNull(training);
    assertTrue(training.options().get(0).startsWith("-XX:ArchiveClassesAtExit=" + cache));
    assertNull(first.training(), "one attempt per pool");
    assertNull(WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT).training(), "another pool waits for the lock");

    Path archive = archiveOf(training);
    Files.write(archive, new byte[] {0});
    List<String> options = WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT).workerOptions();
    assertEquals(List.of("-XX:SharedArchiveFile=" + archive), options);
  }

  @Test
  void theNameChangesWithTheJarsTheOptionsAndTheTransport() throws IOException {
    Path plain = archiveOf(WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT).training());
    Path withOption = archiveOf(WorkerCds.forWorkers(true, JAVA, jars, List.of("-Xmx64m"), TRANSPORT).training());
    Path otherTransport = archiveOf(WorkerCds.forWorkers(true, JAVA, jars, List.of(), "other.Transport").training());
    Files.setLastModifiedTime(Path.of(jars.get(1)), FileTime.fromMillis(0));
    Path rebuilt = archiveOf(WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT).training());
    assertEquals(4, java.util.Set.of(plain, withOption, otherTransport, rebuilt).size(),
        List.of(plain, withOption, otherTransport, rebuilt).toString());
  }

  @Test
  void aDamagedOrFailedDumpIsNotInstalledAndTheLockIsReleased() throws Exception {
    WorkerCds cds = WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT);
    WorkerCds.Launch training = cds.training();
    Files.write(training.dumpTo(), new byte[] {'n', 'o', 't', ' ', 'c', 'd', 's'});
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    cds.launched(training, exit);
    exit.complete(0); // a JVM with -Xshare:on refuses the file: it must not be put in place
    assertFalse(Files.exists(archiveOf(training)));
    assertFalse(Files.exists(training.dumpTo()));
    assertNotNull(WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT).training(), "lock released");
  }

  @Test
  void aFailedTrainingIsToldAtInfoOncePerJvmAndOneThePoolKilledOnlyAtDebug() throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger launchLog = Logger.getLogger(Loggers.LAUNCH);
    Handler handler = recordingInto(records);
    launchLog.addHandler(handler);
    Level before = launchLog.getLevel();
    launchLog.setLevel(Level.ALL);
    try {
      for (int exitCode : new int[] {137, 1, 1}) { // killed by the pool (SIGKILL), then failed twice
        WorkerCds cds = WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT);
        WorkerCds.Launch training = cds.training();
        cds.launched(training, CompletableFuture.completedFuture(exitCode));
      }
    } finally {
      launchLog.removeHandler(handler);
      launchLog.setLevel(before);
    }
    assertEquals(3, records.size(), records.toString());
    assertEquals(Level.FINE, records.get(0).getLevel(), "the pool killed it: no failure of its own");
    assertTrue(records.get(0).getMessage().contains("its training worker exited with code 137"));
    assertTrue(records.get(2).getLevel().intValue() < Level.INFO.intValue(), "told once per JVM, then DEBUG");
    for (LogRecord record : records) {
      assertTrue(record.getLevel().intValue() <= Level.INFO.intValue(), "never a warning: it is only slower");
      assertTrue(record.getMessage().contains("-Dprocpool.cds=false"), record.getMessage());
    }
  }

  private static Handler recordingInto(List<LogRecord> records) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  @Test
  void aGoodDumpIsInstalledAndStaleArchivesArePruned() throws Exception {
    Files.createDirectories(cache);
    Path stale = Files.write(cache.resolve("worker-0123456789abcdef01234567.jsa"), new byte[] {0});
    Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.DAYS.toMillis(8)));
    Path recent = Files.write(cache.resolve("worker-1123456789abcdef01234567.jsa"), new byte[] {0});
    Path other = Files.write(cache.resolve("notes.txt"), new byte[] {0});
    WorkerCds cds = WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT);
    WorkerCds.Launch training = cds.training();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    cds.launched(training, exit);
    // What a training worker does, in small: a JVM on the workers' class path dumps at exit.
    List<String> command = new ArrayList<>(List.of(JAVA));
    command.addAll(training.options());
    command.add("-version");
    ProcessBuilder dump = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    dump.environment().put("CLASSPATH", String.join(File.pathSeparator, jars));
    exit.complete(dump.start().waitFor());

    Path archive = archiveOf(training);
    assertTrue(Files.size(archive) > 0, "installed");
    assertFalse(Files.exists(training.dumpTo()));
    assertFalse(Files.exists(stale), "unused for 8 days: pruned");
    assertTrue(Files.exists(recent) && Files.exists(other));
    assertEquals(List.of("-XX:SharedArchiveFile=" + archive),
        WorkerCds.forWorkers(true, JAVA, jars, List.of(), TRANSPORT).workerOptions());
  }

  private String emptyJar(String name) throws IOException {
    Path jar = temp.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
      out.flush();
    }
    return jar.toString();
  }

  private static Path archiveOf(WorkerCds.Launch training) {
    String dump = training.dumpTo().getFileName().toString();
    return training.dumpTo().resolveSibling(dump.substring(0, dump.indexOf(".jsa.") + 4));
  }
}
