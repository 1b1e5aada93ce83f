package io.procpool.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's programs run as a user would run them: from an executable jar, whose class path
 * is only in its manifest, and with a plain class path. Both must find and start workers.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LaunchModesTest {

  @Test
  void mapProgramRunsFromAnExecutableJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("seed-map.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, SeedMap.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, manifestClassPath());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // the launcher jar holds only the manifest, as with a jar made by the shade or assembly plugins' cousins
    }
    String output = run(List.of(java(), "-jar", jar.toString()));
    assertTrue(output.contains("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"), output);
    assertTrue(output.contains("current process: PoolWorker-"), output);
  }

  @Test
  void returnValuesProgramPrintsTwelveValuesInOrderFromOneWorker() throws Exception {
    String output = run(List.of(java(), "-cp", String.join(File.pathSeparator, classPath()),
        SeedReturnValues.class.getName()));
    List<String> values = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.matches("\\d+")) {
        values.add(line);
      }
      if (line.startsWith("current process:")) {
        assertEquals("current process: PoolWorker-1", line);
      }
    }
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"), values);
    assertTrue(output.contains("time taken:"), output);
  }

  /**
   * An application that records for class data sharing through its environment, as JDK 25's AOT
   * cache is trained (JEP 514: {@code JAVA_TOOL_OPTIONS=-XX:AOTCacheOutput=app.aot}), or with
   * JDK 17's class list here (which, unlike an archive, a class path with directories allows): its
   * workers must not inherit the option, or each writes the application's file too.
   */
  @Test
  void workersDoNotInheritTheApplicationsSharingOptionsFromItsEnvironment(@TempDir Path dir) throws Exception {
    Path classList = dir.resolve("app.classlist");
    ProcessBuilder parent = new ProcessBuilder(java(), "-cp", String.join(File.pathSeparator, classPath()),
        WorkerOptionsProbe.class.getName());
    parent.environment().put("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + classList + " -Dprobe.marker=inherited");
    String output = run(parent);
    String worker = output.lines().filter(line -> line.startsWith("worker options: ")).findFirst().orElseThrow(
        () -> new AssertionError("no worker options in:\n" + output));
    assertTrue(worker.contains("-Dprobe.marker=inherited"), "the rest of the variable is inherited: " + worker);
    assertFalse(worker.contains("DumpLoadedClassList"), worker);
    assertTrue(worker.contains("-Xshare:auto"), "the worker keeps its own sharing defaults: " + worker);
    String classes = Files.readString(classList);
    assertTrue(classes.contains(WorkerOptionsProbe.class.getName().replace('.', '/')), "the parent's list");
    assertFalse(classes.contains("io/procpool/core/internal/worker/JdkDescriptors"), "no worker wrote into it");
    assertTrue(output.contains("worker JAVA_TOOL_OPTIONS: -Dprobe.marker=inherited\n"), output);
  }

  @Test
  void aVariableLeftWithNothingButSharingOptionsIsNotPassedOn(@TempDir Path dir) throws Exception {
    ProcessBuilder parent = new ProcessBuilder(java(), "-cp", String.join(File.pathSeparator, classPath()),
        WorkerOptionsProbe.class.getName());
    parent.environment().put("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + dir.resolve("app.classlist"));
    String output = run(parent);
    assertTrue(output.contains("worker JAVA_TOOL_OPTIONS: null\n"), output);
    assertFalse(output.lines().anyMatch(line -> line.strip().equals("Picked up JAVA_TOOL_OPTIONS:")),
        "no worker says it picked up nothing: " + output);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    return run(new ProcessBuilder(command));
  }

  private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), text);
    return text;
  }

  private static String manifestClassPath() {
    List<String> urls = new ArrayList<>();
    for (String entry : classPath()) {
      urls.add(Path.of(entry).toUri().toString()); // directories get their trailing slash
    }
    return String.join(" ", urls);
  }

  /** The entries this test JVM loads from, with Surefire's manifest-only booter jar expanded. */
  private static List<String> classPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("surefire")) {
        continue;
      }
      entries.add(entry);
    }
    for (String url : manifestEntriesOfSurefireBooter()) {
      entries.add(url);
    }
    return entries;
  }

  private static List<String> manifestEntriesOfSurefireBooter() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("surefire") || !entry.endsWith(".jar")) {
        continue;
      }
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(entry)) {
        String listed = jar.getManifest() == null ? null
            : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (listed != null) {
          for (String item : listed.trim().split("\\s+")) {
            String path = Path.of(Path.of(entry).toUri().resolve(item)).toString();
            if (!path.contains("surefire")) {
              entries.add(path);
            }
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return entries;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
