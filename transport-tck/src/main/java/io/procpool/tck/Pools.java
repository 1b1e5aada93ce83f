package io.procpool.tck;

import io.procpool.Pool;
import io.procpool.core.PoolBuilder;
import io.procpool.junit.PoolFailureReport;
import io.procpool.junit.PoolLeakCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The pools of one test. Tests ask for it as a parameter; after the test every pool is
 * terminated and the test fails if a worker process or a pool thread that appeared during it is
 * still alive a few seconds later (pool-junit's {@link PoolLeakCheck}).
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

  synchronized List<Pool> all() {
    return List.copyOf(pools);
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
    return PoolLeakCheck.liveWorkers();
  }

  /**
   * Resolves {@link Pools} parameters and cleans up after each test: terminates its pools, then
   * runs pool-junit's leak check, begun before the test, then the transport's own
   * ({@link TransportTestKit#afterPoolsTerminated}). A failing test's report shows its pools'
   * workers' standard error ({@link PoolFailureReport}).
   */
  public static final class Extension implements ParameterResolver, BeforeEachCallback, AfterEachCallback,
      TestExecutionExceptionHandler {
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
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
      Pools pools = context.getStore(NAMESPACE).get("pools", Pools.class);
      throw pools == null ? failure : PoolFailureReport.attachTo(failure, pools.all());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      context.getStore(NAMESPACE).put("leaks", PoolLeakCheck.begin());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
      Pools pools = context.getStore(NAMESPACE).remove("pools", Pools.class);
      if (pools != null) {
        pools.terminateAll();
      }
      PoolLeakCheck leaks = context.getStore(NAMESPACE).remove("leaks", PoolLeakCheck.class);
      if (leaks != null) {
        leaks.assertNothingOutlived(EXIT_GRACE);
      }
      ((TransportTestKit) context.getRequiredTestInstance()).afterPoolsTerminated();
    }
  }
}
