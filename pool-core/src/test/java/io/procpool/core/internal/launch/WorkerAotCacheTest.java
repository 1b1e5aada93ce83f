package io.procpool.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ahead-of-time cache workers get on JDK 25 on, in place of a dynamic CDS archive: which
 * JDK gets which, and, with a real JDK 25 where there is one, a cache trained as a training
 * worker does (one run, halted at its end), checked, installed and mapped, and a damaged one
 * left out. The JDK is the one system property {@value #JDK_PROPERTY} or environment variable
 * {@value #JDK_VARIABLE} names, by default {@value #DEFAULT_JDK}; without one those tests are
 * skipped.
 */
class WorkerAotCacheTest {
  static final String JDK_PROPERTY = "procpool.test.jdk25";
  static final String JDK_VARIABLE = "PROCPOOL_TEST_JDK25";
  static final String DEFAULT_JDK = "/usr/lib/jvm/temurin-25-jdk-amd64";
  private static final Runtime.Version JDK_25 = Runtime.Version.parse("25");
  private static final String TRANSPORT = "some.Transport";

  @TempDir Path temp;
  private Path cache;
  private String savedDir;
  private List<String> jars;

  @BeforeEach
  void setUp() throws IOException {
    cache = temp.resolve("cache");
    savedDir = System.setProperty(WorkerCds.DIR_PROPERTY, cache.toString());
    jars = List.of(traineeJar());
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
  void jdk25OnGetsTheAotCacheAndEarlierOnesOrTheOptOutDynamicCds() {
    assertEquals(WorkerCds.Kind.AOT_CACHE, WorkerCds.Kind.of(JDK_25));
    assertEquals(WorkerCds.Kind.AOT_CACHE, WorkerCds.Kind.of(Runtime.Version.parse("26.0.1")));
    assertEquals(WorkerCds.Kind.DYNAMIC_CDS, WorkerCds.Kind.of(Runtime.Version.parse("24.0.2")));
    assertEquals(WorkerCds.Kind.DYNAMIC_CDS, WorkerCds.Kind.of(Runtime.Version.parse("17.0.15")));
    String saved = System.setProperty(WorkerCds.AOT_PROPERTY, "false");
    try {
      assertEquals(WorkerCds.Kind.DYNAMIC_CDS, WorkerCds.Kind.of(JDK_25));
    } finally {
      if (saved == null) {
        System.clearProperty(WorkerCds.AOT_PROPERTY);
      } else {
        System.setProperty(WorkerCds.AOT_PROPERTY, saved);
      }
    }
  }

  @Test
  void theCacheIsTrainedInOneRunAndLeavesNoShareOptionBesideIt() {
    WorkerCds cds = WorkerCds.forWorkers(true, "java", jars, List.of(), TRANSPORT, JDK_25);
    WorkerCds.Launch training = cds.training();
    assertNotNull(training);
    assertTrue(training.options().get(0).startsWith("-XX:AOTCacheOutput=" + cache), training.options().toString());
    List<String> trainee = WorkerJvmOptions.of(training.options(), List.of());
    assertTrue(trainee.stream().noneMatch(option -> option.startsWith("-Xshare")),
        "the JVM refuses AOTCacheOutput beside any -Xshare: " + trainee);
    assertTrue(WorkerJvmOptions.of(List.of(), List.of()).contains("-Xshare:auto"), "without the cache, as before");
  }

  @Test
  void aUserAotOptionTurnsTheCacheOff() {
    for (String option : List.of("-XX:AOTCache=/x.aot", "-XX:AOTMode=off", "-XX:AOTCacheOutput=/y.aot")) {
      WorkerCds cds = WorkerCds.forWorkers(true, "java", jars, List.of(option), TRANSPORT, JDK_25);
      assertEquals(List.of(), cds.workerOptions(), option);
      assertEquals(null, cds.training(), option);
    }
  }

  @Test
  void aTrainedCacheIsCheckedInstalledAndMappedByWorkers() throws Exception {
    String java = jdk25Java();
    WorkerCds cds = WorkerCds.forWorkers(true, java, jars, List.of(), TRANSPORT, JDK_25);
    WorkerCds.Launch training = cds.training();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    cds.launched(training, exit);
    exit.complete(run(java, workerOptions(training.options())));

    Path installed = installedCache();
    assertTrue(Files.size(installed) > 0, "installed");
    assertFalse(Files.exists(training.dumpTo()));
    List<String> workerOptions = WorkerCds.forWorkers(true, java, jars, List.of(), TRANSPORT, JDK_25).workerOptions();
    assertEquals(List.of("-XX:AOTCache=" + installed), workerOptions);
    List<String> insisting = new ArrayList<>(workerOptions(workerOptions));
    insisting.add("-XX:AOTMode=on"); // fails unless the cache is mapped
    assertEquals(0, run(java, insisting), "a worker's JVM maps the cache");
  }

  @Test
  void aDamagedCacheIsLeftOutAndTheNextPoolTrainsAgain() throws Exception {
    String java = jdk25Java();
    WorkerCds cds = WorkerCds.forWorkers(true, java, jars, List.of(), TRANSPORT, JDK_25);
    WorkerCds.Launch training = cds.training();
    Files.write(training.dumpTo(), new byte[] {'n', 'o', 't', ' ', 'a', 'o', 't'});
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    cds.launched(training, exit);
    exit.complete(0);
    assertFalse(Files.exists(training.dumpTo()));
    assertEquals(List.of(), WorkerCds.forWorkers(true, java, jars, List.of(), TRANSPORT, JDK_25).workerOptions());
    assertNotNull(WorkerCds.forWorkers(true, java, jars, List.of(), TRANSPORT, JDK_25).training(), "lock released");
  }

  /** What a worker of the JDK 25 gets with these cache options: the defaults, that java's own among them. */
  private static List<String> workerOptions(List<String> cacheOptions) {
    List<String> options = new ArrayList<>(WorkerJvmOptions.of(cacheOptions, List.of()));
    options.addAll(WorkerJvmOptions.DEFAULTS.size(), WorkerJvmOptions.defaultsFor(JDK_25, System.getProperty("os.name", "")));
    return options;
  }

  /** The JDK 25's java, or the test is skipped. */
  private static String jdk25Java() {
    String home = System.getProperty(JDK_PROPERTY, System.getenv().getOrDefault(JDK_VARIABLE, DEFAULT_JDK));
    Path java = Path.of(home, "bin", "java");
    assumeTrue(Files.isExecutable(java), "no JDK 25 at " + home + " (set " + JDK_PROPERTY + " or " + JDK_VARIABLE + ")");
    return java.toString();
  }

  private Path installedCache() throws IOException {
    try (var files = Files.list(cache)) {
      return files.filter(path -> path.getFileName().toString().matches("worker-[0-9a-f]+\\.aot")).findFirst()
          .orElseThrow(() -> new AssertionError("no cache installed in " + cache));
    }
  }

  /** Runs the trainee with these options on the workers' class path; its exit code. */
  private int run(String java, List<String> options) throws Exception {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(options);
    command.add(AotTrainee.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("CLASSPATH", String.join(File.pathSeparator, jars));
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the trainee took over a minute: " + command);
    }
    return process.exitValue();
  }

  /** A jar holding the trainee: the AOT cache, as CDS, takes classes from jars only. */
  private String traineeJar() throws IOException {
    Path jar = temp.resolve("trainee.jar");
    String entry = AotTrainee.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest());
         InputStream in = AotTrainee.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar.toString();
  }
}
