package io.procpool.tck;

import io.procpool.Pool;
import io.procpool.core.PoolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The pools of one test. Tests ask for it as a parameter; after the test every pool is
 * terminated and the test fails if any worker process is still alive a few seconds later.
 */
public final class Pools {
  private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

  private final TransportTestKit kit;
  private final List<Pool> pools = new ArrayList<>();

  Pools(TransportTestKit kit) {
    this.kit = kit;
  }

  /**
   * A pool of {@code workers} over the transport under test.
   *
   * @param workers the number of workers
   * @return the running pool, terminated after the test
   */
  public Pool start(int workers) {
    return register(kit.poolBuilder(workers).build());
  }

  /**
   * A builder over the transport under test, for pools with settings of their own.
   *
   * @param workers the number of workers
   * @return a builder for the test to finish; pass what it builds to {@link #register}
   */
  public PoolBuilder builder(int workers) {
    return kit.poolBuilder(workers);
  }

  /**
   * Takes charge of a pool built elsewhere.
   *
   * @param pool the pool, to be terminated after the test
   * @return {@code pool}
   */
  public synchronized Pool register(Pool pool) {
    pools.add(pool);
    return pool;
  }

  synchronized void terminateAll() {
    pools.forEach(Pool::terminate);
    pools.clear();
  }

  /**
   * The live descendants of this JVM that are pool workers.
   *
   * @return the live child processes whose command line names a pool worker
   */
  public static List<ProcessHandle> liveWorkers() {
    return ProcessHandle.current().descendants()
        .filter(ProcessHandle::isAlive)
        .filter(process -> process.info().commandLine().orElse("").contains("procpool.worker.name"))
        .collect(Collectors.toList());
  }

  static void assertNoWorkersLeft() throws InterruptedException {
    long deadline = System.nanoTime() + EXIT_GRACE.toNanos();
    List<ProcessHandle> left = liveWorkers();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      left = liveWorkers();
    }
    if (!left.isEmpty()) {
      left.forEach(ProcessHandle::destroyForcibly);
      throw new AssertionError("worker processes outlived the test: " + left.stream()
          .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
          .collect(Collectors.joining("; ")));
    }
  }

  /** Resolves {@link Pools} parameters and cleans up after each test. */
  public static final class Extension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Pools.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == Pools.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      TransportTestKit kit = (TransportTestKit) context.getRequiredTestInstance();
      return context.getStore(NAMESPACE).getOrComputeIfAbsent("pools", key -> new Pools(kit), Pools.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
      Pools pools = context.getStore(NAMESPACE).remove("pools", Pools.class);
      if (pools != null) {
        pools.terminateAll();
      }
      assertNoWorkersLeft();
      ((TransportTestKit) context.getRequiredTestInstance()).afterPoolsTerminated();
    }
  }
}
