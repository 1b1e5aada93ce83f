package io.procpool.core.internal.launch;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The module path of this JVM ({@code java -p mods -m app/app.Main}) as class path entries for a
 * worker. A worker runs everything on its class path (its own modules would need the parent's
 * {@code --add-modules}, {@code --add-reads} and the rest spelled out again), where a named
 * module's classes load as they do on the module path, minus its encapsulation. A module path
 * entry is a modular or automatic jar, an exploded module (a directory with
 * {@code module-info.class}), or a directory of those, which is listed here in name order.
 */
final class ModulePathEntries {
  private ModulePathEntries() {}

  /** The entries of {@code modulePath} (the value of {@code jdk.module.path}, or null). */
  static List<Path> of(String modulePath) {
    List<Path> entries = new ArrayList<>();
    if (modulePath == null) {
      return entries;
    }
    for (String item : modulePath.split(File.pathSeparator)) {
      if (item.isEmpty()) {
        continue;
      }
      Path path = Path.of(item).toAbsolutePath();
      if (Files.isDirectory(path) && !Files.isRegularFile(path.resolve("module-info.class"))) {
        entries.addAll(modulesIn(path));
      } else {
        entries.add(path);
      }
    }
    return entries;
  }

  private static List<Path> modulesIn(Path directory) {
    try (Stream<Path> children = Files.list(directory)) {
      return children
          .filter(child -> child.getFileName().toString().endsWith(".jar")
              || Files.isRegularFile(child.resolve("module-info.class")))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of(); // unreadable: this JVM could not have loaded from it either
    }
  }
}
