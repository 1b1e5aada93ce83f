package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A netty pool's start and first tasks do not build JFR's metadata when nothing records: that
 * took ~100 ms of the first worker's handshake on the I/O thread, because Netty's default
 * allocators announce their first chunk through a JFR event (see {@link NettyServer}). Checked in
 * a JVM of its own, as a user's program starts: whether a JVM has loaded JFR's type library is
 * a matter of what ran in it before.
 */
class StartLeavesFlightRecorderAloneTest {

  /** The user's program: a netty pool of 2 workers, a few tasks, closed. */
  public static void main(String[] args) throws Exception {
    try (Pool pool = ProcessPool.builder().transport("netty").workers(2).build()) {
      System.out.println("sum " + pool.map(x -> x * 2, List.of(1, 2, 3, 4), 1).stream().mapToInt(x -> x).sum());
    }
  }

  @Test
  void aPoolStartsAndAnswersWithoutBuildingFlightRecorderMetadata(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process program = new ProcessBuilder(java, "-Xlog:class+load:file=" + classes, "-cp",
        System.getProperty("java.class.path"), StartLeavesFlightRecorderAloneTest.class.getName())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    try {
      assertTrue(program.waitFor(60, TimeUnit.SECONDS), "the program ended");
    } finally {
      program.descendants().forEach(ProcessHandle::destroyForcibly);
      program.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    assertEquals(0, program.exitValue(), out);
    assertTrue(out.contains("sum 20"), out);
    String loaded = Files.readString(classes, StandardCharsets.UTF_8);
    assertTrue(loaded.contains(NettyServer.class.getName() + " "), "the log names the classes the program loaded");
    assertFalse(loaded.contains("jdk.jfr.internal.TypeLibrary "), "JFR's metadata was built: "
        + loaded.lines().filter(line -> line.contains("Event ")).limit(10).toList());
  }
}
