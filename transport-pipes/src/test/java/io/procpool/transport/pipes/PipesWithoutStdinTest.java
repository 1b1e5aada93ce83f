package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.procpool.Pool;
import io.procpool.WorkerStartException;
import io.procpool.core.internal.launch.LocalProcessLauncher;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import io.procpool.tck.Pools;
import io.procpool.tck.TckTasks;
import io.procpool.tck.TransportTestKit;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A launcher that gives the pipes transport a worker without stdin must not hang the pool. */
class PipesWithoutStdinTest implements TransportTestKit {
  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  @Test
  void aWorkerLaunchedWithoutStdinIsReplacedAndCloseStillReturns(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(2).transport(withoutStdinFor(1)).build());

    assertEquals(List.of(1, 4, 9), pool.map(TckTasks::square, List.of(1, 2, 3), 1));
    assertTimeoutPreemptively(Duration.ofSeconds(30), pool::close, "close() waited for a worker that never connected");
    assertEquals(List.of(), Pools.liveWorkers());
  }

  @Test
  void workersThatNeverHaveStdinBreakThePoolWithAMessageThatSaysSo(Pools pools) {
    Pool pool = pools.register(pools.builder(1).transport(withoutStdinFor(Integer.MAX_VALUE)).build());

    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::whoAmI));
    WorkerStartException broken = assertInstanceOf(WorkerStartException.class, failure.getCause());
    assertTrue(broken.getMessage().contains("no stdin"), broken.getMessage());
  }

  /** The pipes transport, with a launcher whose first {@code count} workers have a null stdin. */
  private static Module withoutStdinFor(int count) {
    AtomicInteger launches = new AtomicInteger();
    LocalProcessLauncher local = new LocalProcessLauncher();
    WorkerLauncher launcher = spec -> {
      WorkerProcess process = local.launch(spec);
      return launches.incrementAndGet() <= count ? new WithoutStdin(process) : process;
    };
    return Modules.override(new PipesTransportModule())
        .with(binder -> binder.bind(WorkerLauncher.class).toInstance(launcher));
  }

  /** A real worker process whose launcher lost its stdin. */
  private record WithoutStdin(WorkerProcess process) implements WorkerProcess {
    @Override
    public String name() {
      return process.name();
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public OutputStream stdin() {
      return null;
    }

    @Override
    public InputStream stdout() {
      return process.stdout();
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
      return process.exitCode();
    }

    @Override
    public void kill() {
      process.kill();
    }
  }
}
