package io.procpool.examples;

import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.lang.management.ManagementFactory;

/**
 * A parent for {@link LaunchModesTest}: prints the JVM options its pipes worker runs with, as
 * the worker itself sees them (those from {@code JAVA_TOOL_OPTIONS} included), and that variable.
 */
public final class WorkerOptionsProbe {
  private WorkerOptionsProbe() {}

  public static void main(String[] args) throws Exception {
    try (Pool pool = ProcessPool.builder().transport("pipes").workers(1).build()) {
      String options = pool.apply(() -> String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
      System.out.println("worker options: " + options);
      System.out.println("worker JAVA_TOOL_OPTIONS: " + pool.apply(() -> System.getenv("JAVA_TOOL_OPTIONS")));
    }
  }
}
