package io.procpool.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NestedArchivesTest {
  @TempDir Path dir;

  @Test
  void readsBothUrlFormsOfSpringBootsLoader() {
    assertEquals(Optional.of(new NestedArchives.Location(Path.of("/srv/my app/app.jar"), "BOOT-INF/lib/kryo-5.6.2.jar")),
        NestedArchives.Location.of("jar:nested:/srv/my%20app/app.jar/!BOOT-INF/lib/kryo-5.6.2.jar!/"));
    assertEquals(Optional.of(new NestedArchives.Location(Path.of("/srv/app.jar"), "BOOT-INF/classes/")),
        NestedArchives.Location.of("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/"));
    assertEquals(Optional.of(new NestedArchives.Location(Path.of("/srv/app.jar"), "BOOT-INF/lib/a.jar")),
        NestedArchives.Location.of("jar:file:/srv/app.jar!/BOOT-INF/lib/a.jar!/"));
    assertEquals(Optional.empty(), NestedArchives.Location.of("jar:file:/srv/app.jar!/"));
    assertEquals(Optional.empty(), NestedArchives.Location.of("jar:http://example.com/app.jar!/"));
    assertEquals(Optional.empty(), NestedArchives.Location.of("file:/srv/app.jar"));
  }

  @Test
  void aNestedJarIsCopiedOnceUnderItsChecksum() throws IOException {
    byte[] inner = "not really a jar, but bytes to copy".getBytes(StandardCharsets.UTF_8);
    Path app = bootJar(inner);
    Path cache = dir.resolve("cache");
    Path unpacked = NestedArchives.unpack(new NestedArchives.Location(app, "BOOT-INF/lib/inner.jar"), cache);
    assertArrayEquals(inner, Files.readAllBytes(unpacked));
    CRC32 crc = new CRC32();
    crc.update(inner);
    assertEquals(Long.toHexString(crc.getValue()) + "-" + inner.length, unpacked.getParent().getFileName().toString());
    long written = Files.getLastModifiedTime(unpacked).toMillis();
    Files.setLastModifiedTime(unpacked, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    assertEquals(unpacked, NestedArchives.unpack(new NestedArchives.Location(app, "BOOT-INF/lib/inner.jar"), cache));
    assertEquals(written - 60_000, Files.getLastModifiedTime(unpacked).toMillis(), "copied again");
  }

  @Test
  void aNestedDirectoryBecomesAJarOfItsEntries() throws IOException {
    Path app = bootJar("x".getBytes(StandardCharsets.UTF_8));
    Path packed = NestedArchives.unpack(new NestedArchives.Location(app, "BOOT-INF/classes/"), dir.resolve("cache"));
    assertEquals("BOOT-INF-classes.jar", packed.getFileName().toString());
    try (JarFile jar = new JarFile(packed.toFile())) {
      assertEquals("class bytes", new String(jar.getInputStream(jar.getEntry("app/Main.class")).readAllBytes(),
          StandardCharsets.UTF_8));
      assertTrue(jar.stream().noneMatch(entry -> entry.getName().startsWith("BOOT-INF")));
    }
  }

  @Test
  void aDirectoryNamedWithoutItsSlashAsBootBefore32NamesItIsPackedToo() throws IOException {
    Path app = bootJar("x".getBytes(StandardCharsets.UTF_8));
    Path cache = dir.resolve("cache");
    Path packed = NestedArchives.unpack(NestedArchives.Location.of("jar:" + app.toUri() + "!/BOOT-INF/classes!/").orElseThrow(), cache);
    assertEquals(NestedArchives.unpack(new NestedArchives.Location(app, "BOOT-INF/classes/"), cache), packed);
  }

  @Test
  void aCacheThatCannotBeWrittenIsNamedInTheError() throws IOException {
    Path app = bootJar("x".getBytes(StandardCharsets.UTF_8));
    Path blocked = Files.writeString(dir.resolve("a-file"), "in the way");
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> NestedArchives.unpack(new NestedArchives.Location(app, "BOOT-INF/lib/inner.jar"), blocked));
    assertTrue(e.getMessage().startsWith("Cannot unpack BOOT-INF/lib/inner.jar of " + app
        + " for the workers' class path into " + blocked + " (set -Dprocpool.unpack.dir"), e.getMessage());
  }

  private Path bootJar(byte[] inner) throws IOException {
    Path app = dir.resolve("app.jar");
    try (OutputStream file = Files.newOutputStream(app); JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new ZipEntry("BOOT-INF/classes/"));
      jar.putNextEntry(new ZipEntry("BOOT-INF/classes/app/"));
      jar.putNextEntry(new ZipEntry("BOOT-INF/classes/app/Main.class"));
      jar.write("class bytes".getBytes(StandardCharsets.UTF_8));
      jar.putNextEntry(new ZipEntry("BOOT-INF/lib/inner.jar"));
      jar.write(inner);
    }
    return app;
  }
}
