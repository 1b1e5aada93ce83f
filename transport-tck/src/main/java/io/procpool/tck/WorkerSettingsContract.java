package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pool;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worker JVM settings, per pool: options, properties, environment, directory, java. */
public interface WorkerSettingsContract extends TransportTestKit {

  /**
   * The worker JVM gets the pool's JVM options, system properties, environment and working
   * directory.
   *
   * @param pools the test's pools, terminated after it
   * @param dir a directory of the test's own, deleted after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.WORKER_JVM_SETTINGS)
  default void workerJvmGetsTheOptionsPropertiesEnvironmentAndDirectory(Pools pools, @TempDir Path dir)
      throws Exception {
    Pool pool = pools.register(pools.builder(1)
        .jvmOptions("-Xmx77m")
        .systemProperty("tck.mode", "batch")
        .environment("TCK_COLOUR", "teal")
        .workingDirectory(dir)
        .build());
    assertEquals(77L * 1024 * 1024, pool.apply(() -> Runtime.getRuntime().maxMemory()), 8L * 1024 * 1024);
    assertEquals("batch", pool.apply(() -> System.getProperty("tck.mode")));
    assertEquals("teal", pool.apply(() -> System.getenv("TCK_COLOUR")));
    assertEquals(dir.toRealPath().toString(), pool.apply(() -> Path.of("").toAbsolutePath().toRealPath().toString()));
    List<String> arguments = pool.apply(() -> ManagementFactory.getRuntimeMXBean().getInputArguments());
    assertTrue(arguments.contains("-Xmx77m"), arguments.toString());
  }

  /**
   * A garbage collector chosen in the JVM options replaces the pool's default one.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.WORKER_JVM_SETTINGS)
  default void aCollectorTheUserChoosesReplacesTheDefaultOne(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).jvmOptions("-XX:+UseG1GC").build());
    List<String> collectors = pool.apply(() -> ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).collect(Collectors.toList()));
    // Java 17 names two ("G1 Young Generation", "G1 Old Generation"); later versions add more.
    assertTrue(collectors.contains("G1 Young Generation") && collectors.stream().allMatch(name -> name.startsWith("G1 ")),
        collectors.toString());
  }

  /**
   * A garbage collector chosen in the workers' {@code JAVA_TOOL_OPTIONS} replaces the pool's
   * default one.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.WORKER_JVM_SETTINGS)
  default void aCollectorInTheWorkersJavaToolOptionsReplacesTheDefaultOne(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).environment("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC").build());
    List<String> collectors = pool.apply(() -> ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).collect(Collectors.toList()));
    assertEquals(Set.of("PS Scavenge", "PS MarkSweep"), Set.copyOf(collectors));
  }

  /**
   * A pool's worker settings apply to its own workers only.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.WORKER_JVM_SETTINGS)
  default void settingsApplyToOnePoolOnly(Pools pools) throws Exception {
    Pool configured = pools.register(pools.builder(1).systemProperty("tck.mode", "one").build());
    Pool plain = pools.start(1);
    assertEquals("one", configured.apply(() -> System.getProperty("tck.mode")));
    assertEquals("unset", plain.apply(() -> System.getProperty("tck.mode", "unset")));
  }

  /**
   * Workers run the {@code java} executable the pool is given.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires(TransportCapability.WORKER_JVM_SETTINGS)
  default void workersRunTheJavaExecutableTheyAreGiven(Pools pools) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Pool pool = pools.register(pools.builder(1).javaExecutable(java).build());
    assertEquals(Path.of(System.getProperty("java.home")).toRealPath().toString(),
        pool.apply(() -> Path.of(System.getProperty("java.home")).toRealPath().toString()));
  }
}
