package io.procpool.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClassPathTest {
  @Test
  void thisProcessesClassPathIncludesTheCoreAndTheTests() {
    List<String> entries = WorkerClassPath.ofThisProcess();
    assertTrue(entries.stream().anyMatch(e -> e.contains("test-classes")), entries.toString());
    assertTrue(entries.stream().anyMatch(e -> e.endsWith("classes") || e.contains("pool-core")), entries.toString());
  }

  @Test
  void manifestOnlyJarIsSpelledOut(@TempDir Path dir) throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path jar = dir.resolve("app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/ other.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // an empty jar with only a manifest, like Surefire's booter or a java -jar launcher
    }
    String saved = System.getProperty("java.class.path");
    System.setProperty("java.class.path", jar.toString());
    try {
      List<String> entries = WorkerClassPath.ofThisProcess();
      assertTrue(entries.contains(jar.toString()), entries.toString());
      assertTrue(entries.contains(lib.toString()), entries.toString());
      assertTrue(entries.contains(dir.resolve("other.jar").toString()), entries.toString());
    } finally {
      System.setProperty("java.class.path", saved);
    }
  }

  @Test
  void theModulePathComesBeforeTheClassPath(@TempDir Path dir) throws Exception {
    Path mods = Files.createDirectories(dir.resolve("mods"));
    Path module = Files.createFile(mods.resolve("app.jar"));
    String saved = System.getProperty("jdk.module.path");
    System.setProperty("jdk.module.path", mods.toString());
    try {
      List<String> entries = WorkerClassPath.ofThisProcess();
      assertTrue(entries.contains(module.toString()), entries.toString());
      assertTrue(entries.indexOf(module.toString()) < entries.indexOf(Path.of(
          System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]).toAbsolutePath().toString()),
          entries.toString());
    } finally {
      if (saved == null) {
        System.clearProperty("jdk.module.path");
      } else {
        System.setProperty("jdk.module.path", saved);
      }
    }
  }
}
