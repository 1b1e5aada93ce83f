package io.procpool.core.internal.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * What a worker needs of a class loader entry that lives inside another jar, as Spring Boot's
 * executable jars have them ({@code jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/} since Boot 3.2,
 * {@code jar:file:/app.jar!/BOOT-INF/lib/x.jar!/} before): a plain {@code java} cannot read
 * them, so each is unpacked once into a cache directory named after its content, and the worker
 * gets that file. A nested jar is copied as it is; a nested directory ({@code BOOT-INF/classes/})
 * is packed into a jar of its own, so that the workers' class path stays all jars and class data
 * sharing still applies.
 *
 * <p>The cache: system property {@code procpool.unpack.dir}, else
 * {@code $XDG_CACHE_HOME/procpool/unpacked}, else {@code ~/.cache/procpool/unpacked}. A nested
 * jar's name there is its CRC-32 and size (from the outer jar's directory, so nothing is read
 * twice); a directory's, a checksum over its entries' names, CRC-32s and sizes. Files appear
 * there by an atomic rename, so parents starting at once never see half a file.
 */
final class NestedArchives {
  static final String DIR_PROPERTY = "procpool.unpack.dir";
  private static final System.Logger LOG = System.getLogger(NestedArchives.class.getPackageName());
  private static final Map<String, Path> UNPACKED = new ConcurrentHashMap<>();

  private NestedArchives() {}

  /**
   * The file that holds what {@code url} names, unpacked if need be; empty if it is not an
   * entry inside a jar file (another protocol, or a jar on a server).
   *
   * @throws UncheckedIOException if the entry cannot be unpacked into the cache
   */
  static Optional<Path> unpacked(URL url) {
    Optional<Location> location = Location.of(url.toString());
    if (location.isEmpty()) {
      return Optional.empty();
    }
    Path directory = directory();
    return Optional.of(UNPACKED.computeIfAbsent(directory + "|" + url,
        ignored -> unpack(location.get(), directory)));
  }

  /** Where {@code entry} of {@code jar} lives: a directory ending in {@code /} or a jar. */
  record Location(Path jar, String entry) {
    private static final String NESTED = "nested:";

    /** Both URL forms of Spring Boot's loader; empty for anything else. */
    static Optional<Location> of(String url) {
      if (!url.startsWith("jar:") || !url.endsWith("!/")) {
        return Optional.empty();
      }
      String inner = url.substring("jar:".length(), url.length() - "!/".length());
      try {
        if (inner.startsWith(NESTED)) { // nested:/path/app.jar/!BOOT-INF/lib/x.jar
          int split = inner.lastIndexOf("/!");
          if (split < 0) {
            return Optional.empty();
          }
          Path jar = Path.of(URI.create("file://" + inner.substring(NESTED.length(), split)));
          return Optional.of(new Location(jar, inner.substring(split + 2)));
        }
        if (inner.startsWith("file:")) { // file:/path/app.jar!/BOOT-INF/lib/x.jar
          int split = inner.indexOf("!/");
          if (split < 0 || inner.indexOf("!/", split + 2) >= 0) {
            return Optional.empty(); // a plain jar (java reads it), or nested deeper than Boot does
          }
          return Optional.of(new Location(Path.of(URI.create(inner.substring(0, split))), inner.substring(split + 2)));
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      return Optional.empty();
    }
  }

  static Path unpack(Location location, Path directory) {
    try (JarFile jar = new JarFile(location.jar().toFile())) {
      JarEntry entry = jar.getJarEntry(location.entry()); // finds "dir/" for "dir" too, as Boot before 3.2 names it
      if (entry == null && location.entry().endsWith("/")) {
        return packDirectory(jar, location.entry(), directory); // a directory with no entry of its own
      }
      if (entry == null) {
        throw new IOException("no entry " + location.entry());
      }
      if (entry.isDirectory()) {
        return packDirectory(jar, entry.getName().endsWith("/") ? entry.getName() : entry.getName() + "/", directory);
      }
      String name = location.entry().substring(location.entry().lastIndexOf('/') + 1);
      Path target = directory.resolve(Long.toHexString(entry.getCrc()) + "-" + entry.getSize()).resolve(name);
      if (!Files.isRegularFile(target) || Files.size(target) != entry.getSize()) {
        try (InputStream in = jar.getInputStream(entry)) {
          publish(target, out -> in.transferTo(out));
        }
        LOG.log(System.Logger.Level.DEBUG, "Unpacked {0} of {1} for the workers into {2}",
            location.entry(), location.jar(), target);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack " + location.entry() + " of " + location.jar()
          + " for the workers' class path into " + directory + " (set -D" + DIR_PROPERTY
          + " to a writable directory): " + e.getMessage(), e);
    }
  }

  private static Path packDirectory(JarFile jar, String prefix, Path directory) throws IOException {
    List<JarEntry> entries = new ArrayList<>();
    CRC32 crc = new CRC32();
    Adler32 adler = new Adler32();
    long bytes = 0;
    for (JarEntry entry : Collections.list(jar.entries())) {
      if (entry.getName().startsWith(prefix) && entry.getName().length() > prefix.length()) {
        entries.add(entry);
        byte[] key = (entry.getName() + '\0' + entry.getCrc() + '\0' + entry.getSize() + '\0')
            .getBytes(StandardCharsets.UTF_8);
        crc.update(key);
        adler.update(key);
        bytes += entry.getSize();
      }
    }
    String name = prefix.substring(0, prefix.length() - 1).replace('/', '-');
    Path target = directory.resolve(Long.toHexString(crc.getValue()) + Long.toHexString(adler.getValue())
        + "-" + bytes).resolve(name + ".jar");
    if (!Files.isRegularFile(target)) {
      publish(target, out -> {
        try (JarOutputStream packed = new JarOutputStream(out)) {
          for (JarEntry entry : entries) {
            packed.putNextEntry(new JarEntry(entry.getName().substring(prefix.length())));
            if (!entry.isDirectory()) {
              try (InputStream in = jar.getInputStream(entry)) {
                in.transferTo(packed);
              }
            }
            packed.closeEntry();
          }
        }
      });
      LOG.log(System.Logger.Level.DEBUG, "Packed {0} of {1} for the workers into {2}", prefix, jar.getName(), target);
    }
    return target;
  }

  private interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Writes beside {@code target} and renames, so that no one ever reads a partial file. */
  private static void publish(Path target, Writer writer) throws IOException {
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(partial)) {
        writer.write(out);
      }
      try {
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static Path directory() {
    return CacheDirectory.of(DIR_PROPERTY, "unpacked");
  }
}
