package io.procpool.core.internal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.core.internal.launch.WorkerJvmOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A child JVM of this test's class path with the option a worker's launcher gives: where descriptors may be moved. */
final class WorkerLikeJvm {
  private WorkerLikeJvm() {}

  /** Runs {@code main} there and returns what it printed, stdout and stderr together, once it exited 0. */
  static String run(Class<?> main) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, WorkerJvmOptions.OPENS_NIO, "-cp", System.getProperty("java.class.path"),
        main.getName()).redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, child.exitValue(), out);
    return out;
  }

  /** In the child: finds the JDK's descriptor calls, or says why not and exits 1. */
  static void loadDescriptorCalls() {
    String reason = JdkDescriptors.load();
    if (reason != null) {
      System.out.println(reason);
      System.exit(1);
    }
  }
}
