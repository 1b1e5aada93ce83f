package io.procpool.core.internal.launch;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path a worker needs to load what this process loads: the application class loaders'
 * entries (as under {@code mvn exec:java}, where the application is not on
 * {@code java.class.path}; a Spring Boot executable jar's nested jars and classes, unpacked by
 * {@link NestedArchives}), then the module path ({@link ModulePathEntries}), then
 * {@code java.class.path}, with the {@code Class-Path} of manifest-only jars (Surefire's booter,
 * {@code java -jar}) spelled out.
 */
public final class WorkerClassPath {
  private WorkerClassPath() {}

  /**
   * This process's class path, as a worker should get it.
   *
   * @throws java.io.UncheckedIOException if a nested jar cannot be unpacked for the workers
   */
  public static List<String> ofThisProcess() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
        loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urlLoader) {
        for (URL url : urlLoader.getURLs()) {
          toPath(url).ifPresent(path -> addWithManifest(entries, path));
        }
      }
    }
    for (Path module : ModulePathEntries.of(System.getProperty("jdk.module.path"))) {
      addWithManifest(entries, module);
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        addWithManifest(entries, Paths.get(entry).toAbsolutePath());
      }
    }
    return new ArrayList<>(entries);
  }

  private static void addWithManifest(Set<String> entries, Path path) {
    if (!entries.add(path.toString()) || !path.toString().endsWith(".jar") || !Files.isRegularFile(path)) {
      return;
    }
    for (Path listed : manifestClassPath(path)) {
      addWithManifest(entries, listed);
    }
  }

  private static List<Path> manifestClassPath(Path jar) {
    List<Path> listed = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile(), false)) { // only its manifest: no verifier to set up
      Manifest manifest = file.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null) {
        return listed;
      }
      URI base = jar.toUri();
      for (String item : classPath.trim().split("\\s+")) {
        try {
          listed.add(Paths.get(base.resolve(item)));
        } catch (IllegalArgumentException e) {
          // not a file URL: the worker could not use it either
        }
      }
    } catch (IOException e) {
      // unreadable jar: keep the entry itself, as java would
    }
    return listed;
  }

  private static Optional<Path> toPath(URL url) {
    try {
      return "file".equals(url.getProtocol()) ? Optional.of(Paths.get(url.toURI())) : NestedArchives.unpacked(url);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
