package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.TaskSerializationException;
import io.procpool.WorkerDiedException;
import io.procpool.core.internal.launch.WorkerJvmOptions;
import io.procpool.tck.Pools;
import io.procpool.tck.TckTasks;
import io.procpool.tck.TransportTestKit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Bytes written to descriptor 1 behind System.out's back reach the pool's System.out (the kit's
 * OutputContract); where the worker cannot redirect that descriptor they end that worker, not the
 * pool, with an error that shows them.
 */
class PipesStrayOutputTest implements TransportTestKit {
  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  @Test
  void strayWriteWithTheRedirectionOffFailsThatWorkerClearlyAndThePoolGoesOn(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).systemProperty("procpool.worker.redirectDescriptors", "false").build());
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> pool.apply(TckTasks::writeToRealStdout, "Hello, world\n"));
    WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, failure.getCause());
    assertTrue(died.getMessage().contains("bad frame header") && died.getMessage().contains("'Hell'"), died.getMessage());
    assertEquals(9, pool.apply(TckTasks::square, 3));
  }

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void workerOutOfReachOfTheJdksDescriptorCallsWarnsOnceOnItsStderrAndStillCarriesSystemOut(Pools pools,
      @TempDir Path dir) throws Exception {
    // A user's java wrapper that passes on every option but the one opening sun.nio.ch: the worker
    // cannot move descriptors 1 and 2 and falls back to Java-level capture.
    Path java = dir.resolve("java-without-opens");
    Files.writeString(java, "#!/bin/sh\nfor a; do shift; [ \"$a\" = \"" + WorkerJvmOptions.OPENS_NIO
        + "\" ] || set -- \"$@\" \"$a\"; done\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
    java.toFile().setExecutable(true);
    Pool pool = pools.register(pools.builder(1).javaExecutable(java.toString()).build());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true));
    System.setErr(new PrintStream(err, true));
    try {
      assertEquals(7, pool.apply(() -> TckTasks.printAndReturn("still carried", 7)));
      // The worker's own log goes to its real stderr, which the pool copies as it comes.
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
           !err.toString(StandardCharsets.UTF_8).contains("cannot redirect") && System.nanoTime() < deadline; ) {
        Thread.sleep(10);
      }
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    String warnings = err.toString(StandardCharsets.UTF_8);
    assertTrue(warnings.contains("WARNING") && warnings.contains("cannot redirect descriptors 1 and 2: the JDK's descriptor calls in sun.nio.ch cannot be reached")
        && warnings.contains(WorkerJvmOptions.OPENS_NIO)
        && warnings.contains("raw writes to descriptor 1 end the worker"), warnings);
    assertEquals(1, warnings.split("cannot redirect", -1).length - 1, "warned once: " + warnings);
    assertEquals("still carried\n", out.toString(StandardCharsets.UTF_8));
  }

  /**
   * {@code -Xlog:gc} without an output makes the worker's JVM print to stdout before the worker's
   * main runs, where no redirection can reach (as JFR's start-up message does on Java 17): the
   * pool logs those lines and the worker serves.
   */
  @Test
  void aWorkerJvmThatPrintsBeforeTheWorkerStartsStillServesAndThePoolLogsTheLines(Pools pools) throws Exception {
    Logger pipesLogger = Logger.getLogger("io.procpool.transport.pipes");
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler recorder = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(new SimpleFormatter().formatMessage(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    pipesLogger.addHandler(recorder);
    try {
      Pool pool = pools.register(pools.builder(2).jvmOptions("-Xlog:gc").build());
      assertEquals(List.of(1, 4, 9, 16), pool.map(TckTasks::square, List.of(1, 2, 3, 4), 1));
      assertTrue(logged.stream().anyMatch(line -> line.matches("worker PoolWorker-\\d+ .*printed on its standard output"
          + " before the protocol started: \\[.*\\]\\[info\\]\\[gc\\] Using .*")), logged.toString());
    } finally {
      pipesLogger.removeHandler(recorder);
    }
  }

  /** The pipe's limit reaches the worker as a system property, and the worker keeps to it. */
  @Test
  void aResultOverTheConfiguredLimitFailsItsTaskAndNeverReachesThePipe(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).transport(new PipesTransportModule(64 * 1024)).build());
    long pid = pool.apply(TckTasks::pid);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(() -> TckTasks.bytesOf(1 << 20)));
    assertInstanceOf(TaskSerializationException.class, failure.getCause());
    assertTrue(failure.getCause().getMessage().contains("over the transport's frame limit of 65,536 bytes"),
        failure.getCause().getMessage());
    assertEquals(pid, pool.apply(TckTasks::pid), "the same worker: no frame over the limit was written");
  }

  @Test
  void workerWhoseChildKeepsItsPipeOpenIsStillReportedDead(Pools pools, @TempDir Path dir) throws Exception {
    Pool pool = pools.start(1);
    Path pidFile = dir.resolve("child.pid");
    try {
      // Without care the pool would wait for the child (ten minutes) before it saw the death.
      ExecutionException failure = assertThrows(ExecutionException.class,
          () -> pool.applyAsync(() -> TckTasks.haltLeavingAChildHoldingTheStreams(pidFile)).get(30, TimeUnit.SECONDS));
      assertInstanceOf(WorkerDiedException.class, failure.getCause());
      assertEquals(9, pool.apply(TckTasks::square, 3));
    } finally {
      if (Files.exists(pidFile)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  @Test
  void transportIsFoundByNameAndByDefault(Pools pools) throws Exception {
    Pool byName = pools.register(io.procpool.core.ProcessPool.builder().workers(1).transport("pipes").build());
    assertEquals(1, byName.apply(() -> 1));
    Pool byDefault = pools.register(io.procpool.core.ProcessPool.create(1));
    assertEquals(2, byDefault.apply(() -> 2));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> io.procpool.core.ProcessPool.builder().transport("nope").build());
    assertTrue(unknown.getMessage().contains("pipes"), unknown.getMessage());
  }
}
