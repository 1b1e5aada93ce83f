package io.procpool.cluster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A pool's class path as agents receive it: each entry a jar named by the SHA-256 of its bytes,
 * so that an agent fetches only what it does not hold yet, and checks what it fetched. A directory
 * (a build's {@code target/classes}) is packed into a jar first, its entries sorted and their times
 * fixed, so that the same files give the same hash. Computed once per launcher.
 */
public final class ShippedJars implements AutoCloseable {
  /** One class path entry: its hash, the name it had, and the file that holds its bytes. */
  public record Jar(String sha256, String name, Path file) {}

  private final Path packed;
  private final List<Jar> jars = new ArrayList<>();
  private final Map<String, Jar> bySha = new LinkedHashMap<>();

  /**
   * Hashes {@code classPath}'s entries, packing directories into jars.
   *
   * @param classPath the entries, as {@code java.class.path} lists them
   * @throws IOException if an entry cannot be read
   */
  public ShippedJars(List<String> classPath) throws IOException {
    this.packed = Files.createTempDirectory("procpool-shipped");
    for (String entry : classPath) {
      Path path = Path.of(entry);
      Path file = Files.isDirectory(path) ? pack(path) : path;
      if (!Files.isRegularFile(file)) {
        continue; // the JVM ignores a class path entry that is not there; so do we
      }
      Jar jar = new Jar(sha256(file), path.getFileName() + (Files.isDirectory(path) ? ".jar" : ""), file);
      jars.add(jar);
      bySha.putIfAbsent(jar.sha256(), jar);
    }
  }

  /** {@return the class path's jars, in order} */
  public List<Jar> jars() {
    return jars;
  }

  /** The file of a jar by its hash, or null if it is none of this class path's. */
  Path file(String sha256) {
    Jar jar = bySha.get(sha256);
    return jar == null ? null : jar.file();
  }

  long totalBytes() {
    return bySha.values().stream().mapToLong(jar -> {
      try {
        return Files.size(jar.file());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).sum();
  }

  private Path pack(Path directory) throws IOException {
    Map<String, Path> files = new TreeMap<>();
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        files.put(directory.relativize(file).toString().replace('\\', '/'), file);
        return FileVisitResult.CONTINUE;
      }
    });
    Path jar = Files.createTempFile(packed, directory.getFileName().toString(), ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, Path> file : files.entrySet()) {
        JarEntry entry = new JarEntry(file.getKey());
        entry.setTime(0); // the same files, the same bytes, the same hash
        out.putNextEntry(entry);
        Files.copy(file.getValue(), out);
        out.closeEntry();
      }
    }
    return jar;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** {@return a new SHA-256 digest, which every JVM has} */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Deletes the jars packed from directories. */
  @Override
  public void close() throws IOException {
    try (var files = Files.list(packed)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(packed);
  }
}
