package io.procpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.it.app.ShippedApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.launch.JarLauncher;

/**
 * A parent started as {@code java -jar app.jar} from a Spring Boot executable jar, assembled here
 * as Boot's plugin lays it out: the loader's classes at the root, the application's classes in
 * {@code BOOT-INF/classes}, procpool and its dependencies stored uncompressed in
 * {@code BOOT-INF/lib}. Its workers are plain JVMs, which cannot read nested jars: they get the
 * nested entries unpacked once into a cache directory ({@code NestedArchivesTest} shows that a
 * second run finds them there).
 */
class SpringBootJarTest {
  @TempDir static Path dir;
  static Path appJar;

  @BeforeAll
  static void assembleTheJar() throws IOException, URISyntaxException {
    appJar = dir.resolve("app.jar");
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, JarLauncher.class.getName());
    main.putValue("Start-Class", ShippedApp.class.getName());
    main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
    main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
    try (OutputStream out = Files.newOutputStream(appJar); JarOutputStream jar = new JarOutputStream(out, manifest)) {
      Path loader = Path.of(JarLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (JarFile loaderJar = new JarFile(loader.toFile())) {
        for (JarEntry entry : Collections.list(loaderJar.entries())) {
          if (entry.getName().startsWith("org/")) {
            try (InputStream in = loaderJar.getInputStream(entry)) {
              jar.putNextEntry(new JarEntry(entry.getName()));
              in.transferTo(jar);
            }
          }
        }
      }
      Path classes = Path.of(ShippedApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String appPackage = ShippedApp.class.getPackageName().replace('.', '/');
      String path = "";
      for (String directory : ("BOOT-INF/classes/" + appPackage).split("/")) { // Boot looks for these entries
        path += directory + "/";
        jar.putNextEntry(new JarEntry(path));
      }
      try (Stream<Path> files = Files.walk(classes.resolve(appPackage))) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          jar.putNextEntry(new JarEntry("BOOT-INF/classes/" + classes.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, jar);
        }
      }
      jar.putNextEntry(new JarEntry("BOOT-INF/lib/"));
      for (Path lib : ShippedApps.appLibs()) {
        byte[] bytes = Files.readAllBytes(lib);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        JarEntry entry = new JarEntry("BOOT-INF/lib/" + lib.getFileName());
        entry.setMethod(ZipEntry.STORED); // Boot's loader reads nested jars in place, so it refuses compressed ones
        entry.setSize(bytes.length);
        entry.setCrc(crc.getValue());
        jar.putNextEntry(entry);
        jar.write(bytes);
      }
    }
  }

  @Test
  void workersStartFromTheUnpackedJarsAndLeaveNothingBehind() throws Exception {
    Path cache = dir.resolve("unpacked");
    ShippedApps.Run run = runTheJar(cache);

    run.assertCleanExit();
    assertEquals("[1, 4, 9, 16, 25]", run.line("squares "), run.output());
    String worker = run.line("worker ");
    assertTrue(worker.startsWith("PoolWorker-"), run.output());
    assertTrue(worker.endsWith(" loaded the app from " + cache.toRealPath() + "/" + dirOf(cache, "BOOT-INF-classes.jar")
        + "/BOOT-INF-classes.jar"), run.output());
    List<String> expected = new ArrayList<>(ShippedApps.appLibs().stream().map(lib -> lib.getFileName().toString()).toList());
    expected.add("BOOT-INF-classes.jar");
    Collections.sort(expected);
    assertEquals(expected, namesIn(cache));
  }

  private static ShippedApps.Run runTheJar(Path cache) throws Exception {
    // no CDS training worker: it would only add seconds to what this test proves
    return ShippedApps.run(List.of("-Dprocpool.cds=false", "-Dprocpool.unpack.dir=" + cache, "-jar", appJar.toString()));
  }

  private static String dirOf(Path cache, String name) throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(file -> file.getFileName().toString().equals(name)).findFirst().orElseThrow()
          .getParent().getFileName().toString();
    }
  }

  private static List<String> namesIn(Path cache) throws IOException {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
