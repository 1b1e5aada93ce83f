package io.procpool.core.internal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModulePathEntriesTest {
  @Test
  void aDirectoryOfModulesIsListedAndAnExplodedModuleKept(@TempDir Path dir) throws IOException {
    Path mods = Files.createDirectories(dir.resolve("mods"));
    Path b = Files.createFile(mods.resolve("b.jar"));
    Path a = Files.createFile(mods.resolve("a.jar"));
    Path exploded = Files.createDirectories(mods.resolve("c"));
    Files.createFile(exploded.resolve("module-info.class"));
    Files.createFile(mods.resolve("notes.txt"));
    Path single = Files.createFile(dir.resolve("single.jar"));
    Path otherExploded = Files.createDirectories(dir.resolve("d"));
    Files.createFile(otherExploded.resolve("module-info.class"));

    List<Path> entries = ModulePathEntries.of(String.join(File.pathSeparator,
        mods.toString(), "", single.toString(), otherExploded.toString()));

    assertEquals(List.of(a, b, exploded, single, otherExploded), entries);
  }

  @Test
  void noModulePathIsNoEntries() {
    assertEquals(List.of(), ModulePathEntries.of(null));
  }
}
