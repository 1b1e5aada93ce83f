package io.procpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parent started on the module path, {@code java -p mods -m app/app.Main}: an explicit
 * application module (src/test/resources/module-app) beside procpool's jars and their
 * dependencies as automatic or explicit modules. Its workers get the module path as their class
 * path.
 */
class ModulePathTest {
  @TempDir static Path dir;
  static Path libs;
  /** The libraries and the app module. */
  static String modulePath;

  @BeforeAll
  static void compileTheAppModule() throws IOException {
    libs = Files.createDirectories(dir.resolve("libs"));
    for (Path lib : ShippedApps.appLibs()) {
      Files.copy(lib, libs.resolve(lib.getFileName()));
    }
    Path source = Path.of("src/test/resources/module-app");
    modulePath = libs + File.pathSeparator
        + appJar("app", Files.readString(source.resolve("module-info.java")), source.resolve("app/Main.java"));
  }

  private static Path appJar(String name, String moduleInfo, Path main) throws IOException {
    Path sources = Files.createDirectories(dir.resolve(name + "-src"));
    Path info = Files.writeString(sources.resolve("module-info.java"), moduleInfo);
    Path classes = dir.resolve(name + "-classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    boolean compiled = javac.getTask(messages, null, null, List.of("-p", libs.toString(), "-d", classes.toString()),
        null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(info, main)).call();
    assertTrue(compiled, messages.toString());
    Path jarFile = Files.createDirectories(dir.resolve(name)).resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jarFile); JarOutputStream jar = new JarOutputStream(out);
         Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new ZipEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jar);
      }
    }
    return jarFile;
  }

  @Test
  void procpoolsJarsAreModulesWithStableNamesAndNoSplitPackages() {
    Map<String, String> owner = new HashMap<>();
    Map<String, ModuleDescriptor> modules = ModuleFinder.of(libs).findAll().stream()
        .map(ModuleReference::descriptor)
        .collect(Collectors.toMap(ModuleDescriptor::name, descriptor -> descriptor));
    for (ModuleDescriptor module : modules.values()) {
      for (String pkg : module.packages()) {
        String other = owner.put(pkg, module.name());
        assertEquals(null, other, "package " + pkg + " is in both " + other + " and " + module.name());
      }
    }
    for (String name : List.of("io.procpool.api", "io.procpool.core", "io.procpool.transport.pipes")) {
      assertTrue(modules.containsKey(name), name + " not among " + modules.keySet());
      assertTrue(modules.get(name).isAutomatic(), name);
    }
    assertTrue(modules.get("io.procpool.core").packages().containsAll(Set.of("io.procpool.core", "io.procpool.core.internal.worker")));
    assertEquals(Set.of("io.procpool.transport.pipes"), modules.get("io.procpool.transport.pipes").packages());
  }

  @Test
  void workersStartForAnAppModuleAndLeaveNothingBehind() throws Exception {
    ShippedApps.Run run = ShippedApps.run(List.of("-Dprocpool.cds=false",
        "-p", modulePath, "--add-modules", "ALL-MODULE-PATH",
        "--add-opens", "app/app=com.esotericsoftware.kryo", "-m", "app/app.Main"));

    run.assertCleanExit();
    assertEquals("app", run.line("parent module "), run.output());
    assertEquals("[1, 4, 9, 16, 25]", run.line("squares "), run.output());
    assertEquals("Point[x=2, y=4]", run.line("moved "), run.output());
    assertTrue(run.line("worker ").matches("PoolWorker-\\d+ runs the app in the unnamed module"), run.output());
  }

  /**
   * Guice 7 is an automatic module, but Guava and jakarta.inject are explicit ones that nothing
   * explicit requires, so they are not resolved without {@code --add-modules}. If this starts to
   * pass, Guice has a module-info and README's advice can go.
   */
  @Test
  void withoutAddModulesGuiceDoesNotFindGuava() throws Exception {
    ShippedApps.Run run = ShippedApps.run(List.of("-p", modulePath, "-m", "app/app.Main"));
    assertNotEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("NoClassDefFoundError: com/google/common/"), run.output());
  }

  @Test
  void withoutOpensLambdasStillTravelButTheAppsOwnValuesCannot() throws Exception {
    ShippedApps.Run run = ShippedApps.run(List.of("-Dprocpool.cds=false",
        "-p", modulePath, "--add-modules", "ALL-MODULE-PATH", "-m", "app/app.Main"));
    assertNotEquals(0, run.exitCode(), run.output());
    assertEquals("[1, 4, 9, 16, 25]", run.line("squares "), run.output());
    assertTrue(run.output().contains("TaskSerializationException: Cannot serialize the task's argument: it is an"
        + " app.Main$Point, which cannot be serialized: Unable to make public int app.Main$Point.x() accessible:"
        + " module app does not \"opens app\" to module com.esotericsoftware.kryo"), run.output());
  }
}
