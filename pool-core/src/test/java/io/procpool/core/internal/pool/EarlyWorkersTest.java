package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.name.Names;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import io.procpool.core.internal.launch.LocalProcessLauncher;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.EarlyLaunchModule;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first workers launched before the injector is built, with real worker JVMs: whatever
 * becomes of the build, none of them outlives it unless the pool has it.
 */
class EarlyWorkersTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir
  Path markers;

  @AfterEach
  void noWorkerLeft() {
    for (long pid : startedWorkers()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // only after a failure: else they are gone
    }
  }

  @Test
  void theFirstWorkersRunWhileGuiceWiresAndAreKilledWhenTheWiringFails() throws Exception {
    CreationException failed = assertThrows(CreationException.class,
        () -> ProcessPool.builder().workers(2).transport(new WiringFailsOnceWorkersRun(markers, 2)).build());
    assertTrue(failed.getMessage().contains("wiring failed while the workers ran"), failed.getMessage());
    List<Long> started = startedWorkers();
    assertEquals(2, started.size(), "both workers were running while the injector was being built");
    for (long pid : started) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "worker " + pid + " outlived the failed build");
    }
  }

  @Test
  void aModuleThatBindsItsOwnLauncherAfterAllGetsItsWorkersFromIt() throws Exception {
    RecordingLauncher.launched.clear();
    RecordingLauncher.pids.clear();
    Pool pool = ProcessPool.builder().workers(2).transport(new EarlyModuleWithItsOwnLauncher(markers)).build();
    try {
      assertEquals(List.of("PoolWorker-3", "PoolWorker-4"), RecordingLauncher.launched,
          "the workers launched early were given up, and the bound launcher started the pool's own");
      assertEquals(List.copyOf(RecordingLauncher.pids), workersOfThisTest(),
          "the ones launched early are gone before build() returns");
    } finally {
      pool.terminate();
    }
    assertEquals(List.of(), workersOfThisTest());
  }

  @Test
  void aFirstWorkerThatCannotBeLaunchedFailsTheBuildAndLeavesNone() {
    IllegalStateException failed = assertThrows(IllegalStateException.class,
        () -> ProcessPool.builder().workers(2).javaExecutable(markers.resolve("no-such-java").toString())
            .transport(new EarlyModule(markers)).build());
    assertTrue(failed.getMessage().startsWith("Cannot start worker PoolWorker-1 with "), failed.getMessage());
    assertEquals(List.of(), workersOfThisTest());
  }

  /** This JVM's live child processes that were launched for this test (their command names its directory). */
  private List<Long> workersOfThisTest() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .filter(child -> child.info().commandLine().orElse("").contains(markers.toString()))
        .map(ProcessHandle::pid).sorted().collect(Collectors.toList());
  }

  private List<Long> startedWorkers() {
    try (Stream<Path> files = Files.list(markers)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("[0-9]+"))
          .map(Long::valueOf).collect(Collectors.toList());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Launches workers early, with the marker endpoint, and binds a transport that connects nothing. */
  static class EarlyModule extends AbstractModule implements EarlyLaunchModule {
    final Path markers;

    EarlyModule(Path markers) {
      this.markers = markers;
    }

    @Override
    protected void configure() {
      bindConstant().annotatedWith(Names.named(MarkerEndpoint.DIRECTORY_PROPERTY)).to(markers.toString());
      bind(Transport.class).to(SilentTransport.class);
    }

    @Override
    public void configureLaunch(WorkerLaunchSpec spec) {
      spec.endpointClass(MarkerEndpoint.class.getName());
      spec.systemProperties().put(MarkerEndpoint.DIRECTORY_PROPERTY, markers.toString());
    }
  }

  /** Its wiring waits until the early workers are up, then fails. */
  static final class WiringFailsOnceWorkersRun extends EarlyModule {
    private final int workers;

    WiringFailsOnceWorkersRun(Path markers, int workers) {
      super(markers);
      this.workers = workers;
    }

    @Override
    protected void configure() {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      try {
        while (count() < workers && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      addError("wiring failed while the workers ran");
    }

    private long count() {
      try (Stream<Path> files = Files.list(markers)) {
        return files.count();
      } catch (IOException e) {
        return 0;
      }
    }
  }

  /** Breaks the promise {@link EarlyLaunchModule} makes: binds a launcher of its own. */
  static final class EarlyModuleWithItsOwnLauncher extends EarlyModule {
    EarlyModuleWithItsOwnLauncher(Path markers) {
      super(markers);
    }

    @Override
    protected void configure() {
      super.configure();
      bind(WorkerLauncher.class).to(RecordingLauncher.class);
    }
  }

  /** The core's launcher, counting what it starts. */
  static final class RecordingLauncher implements WorkerLauncher {
    static final List<String> launched = new CopyOnWriteArrayList<>();
    static final List<Long> pids = new CopyOnWriteArrayList<>();

    @Override
    public WorkerProcess launch(WorkerLaunchSpec spec) throws IOException {
      WorkerProcess process = new LocalProcessLauncher().launch(spec);
      launched.add(spec.workerName());
      pids.add(process.pid());
      return process;
    }
  }

  /** Configures the marker endpoint; its connections never hear from their worker. */
  static final class SilentTransport implements Transport {
    private final String markers;

    @Inject
    SilentTransport(@Named(MarkerEndpoint.DIRECTORY_PROPERTY) String markers) {
      this.markers = markers;
    }

    @Override
    public void configure(WorkerLaunchSpec spec) {
      spec.endpointClass(MarkerEndpoint.class.getName());
      spec.systemProperties().put(MarkerEndpoint.DIRECTORY_PROPERTY, markers);
    }

    @Override
    public Connection connect(WorkerProcess worker, ConnectionListener listener) {
      return new FakeConnection();
    }

    @Override
    public void shutdown() {}
  }
}
