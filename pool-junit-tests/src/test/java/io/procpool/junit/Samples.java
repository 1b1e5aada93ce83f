package io.procpool.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.procpool.CurrentProcess;
import io.procpool.Pool;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import io.procpool.junit.WithPool.Scope;
import io.procpool.transport.pipes.PipesTransportModule;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Test classes that {@link PoolExtensionTest} runs through the EngineTestKit, and Surefire never
 * runs itself (they are nested, and the class is not named *Test). What they saw goes to statics.
 */
final class Samples {
  private Samples() {}

  /** Pools each sample test was given, and the pid of a worker of each. */
  static final List<Pool> POOLS = new CopyOnWriteArrayList<>();
  static final List<Long> WORKER_PIDS = new CopyOnWriteArrayList<>();
  /** A pool a sample built behind the extension's back and left running; the outer test ends it. */
  static final List<Pool> LEFT_RUNNING = new CopyOnWriteArrayList<>();
  static volatile CountDownLatch callbackStarted;
  static volatile CountDownLatch releaseCallback;
  static volatile CyclicBarrier bothRunning;

  static void reset() {
    POOLS.clear();
    WORKER_PIDS.clear();
    LEFT_RUNNING.clear();
    callbackStarted = new CountDownLatch(1);
    releaseCallback = new CountDownLatch(1);
    bothRunning = new CyclicBarrier(2);
  }

  private static void record(Pool pool) throws Exception {
    POOLS.add(pool);
    WORKER_PIDS.add(pool.apply(CurrentProcess::pid));
  }

  @WithPool(workers = 1, transport = "pipes")
  static class PoolPerTest {
    @Test
    void first(Pool pool) throws Exception {
      record(pool);
    }

    @Test
    void second(Pool pool) throws Exception {
      record(pool);
    }
  }

  @WithPool(workers = 1, transport = "pipes", scope = Scope.CLASS)
  static class PoolPerClass {
    @InjectPool static Pool field;

    @BeforeAll
    static void before(Pool pool) {
      assertSame(field, pool);
      POOLS.add(pool);
    }

    @Test
    void first(Pool pool) throws Exception {
      record(pool);
    }

    @Test
    void second(Pool pool) throws Exception {
      record(pool);
    }
  }

  /** A worker the class's pool replaces during a test is the pool's, not a leak of the test's. */
  @WithPool(workers = 1, transport = "pipes", scope = Scope.CLASS)
  static class ClassPoolReplacesAWorker {
    @Test
    void haltsTheWorker(Pool pool) throws Exception {
      long first = pool.apply(CurrentProcess::pid);
      assertThrows(ExecutionException.class, () -> pool.apply(() -> {
        Runtime.getRuntime().halt(3);
        return null;
      }));
      long replacement = pool.apply(CurrentProcess::pid);
      WORKER_PIDS.addAll(List.of(first, replacement));
      POOLS.add(pool);
    }
  }

  @WithPool(workers = 1, transport = "pipes")
  static class MethodWinsAndNestedInherit {
    @InjectPool Pool field;

    @Test
    @WithPool(workers = 2, transport = "pipes")
    void ownSettings(Pool pool) {
      assertSame(field, pool, "the field and the parameter are the test's one pool");
      assertEquals(2, pool.size());
      POOLS.add(pool);
    }

    @Nested
    class Inner {
      @Test
      void outerSettings(Pool pool) {
        assertEquals(1, pool.size());
        POOLS.add(pool);
      }
    }

    @Nested
    @WithPool(builder = "marked")
    class FromAFactory {
      PoolBuilder marked() {
        return ProcessPool.builder().workers(1).transport(new PipesTransportModule())
            .systemProperty("sample.mark", "from the factory");
      }

      @Test
      void factorySettings(Pool pool) throws Exception {
        assertEquals("from the factory", pool.apply(() -> System.getProperty("sample.mark")));
        POOLS.add(pool);
      }
    }
  }

  /** Two tests at once, each with its pool: neither is blamed for the other's workers or threads. */
  @WithPool(workers = 1, transport = "pipes")
  @Execution(ExecutionMode.CONCURRENT)
  static class InParallel {
    @Test
    void one(Pool pool) throws Exception {
      record(pool);
      bothRunning.await(30, TimeUnit.SECONDS);
    }

    @Test
    void other(Pool pool) throws Exception {
      record(pool);
      bothRunning.await(30, TimeUnit.SECONDS);
    }
  }

  @WithPool(workers = 1, transport = "pipes")
  static class LeavesAWorker {
    @Test
    void buildsItsOwnPoolAndForgetsIt() throws Exception {
      Pool mine = ProcessPool.builder().workers(1).transport("pipes").build();
      LEFT_RUNNING.add(mine);
      WORKER_PIDS.add(mine.apply(CurrentProcess::pid));
    }
  }

  @WithPool(workers = 1, transport = "pipes")
  static class FailsAfterAWorkerPrinted {
    @Test
    void printsThenFails(Pool pool) throws Exception {
      pool.apply(() -> {
        System.err.println("sample: the line the report must show");
        return null;
      });
      fail("on purpose");
    }
  }

  @WithPool(workers = 1, transport = "pipes")
  static class WorkerDies {
    @Test
    void taskHaltsItsWorker(Pool pool) throws Exception {
      pool.apply(() -> {
        System.err.println("sample: last words");
        System.err.flush();
        Runtime.getRuntime().halt(3);
        return null;
      });
    }
  }

  @WithPool(workers = 1, transport = "pipes")
  static class CallbackNeverReturns {
    @Test
    void leavesACallbackRunning(Pool pool) throws Exception {
      pool.applyAsync(() -> 1).onSuccess(value -> {
        callbackStarted.countDown();
        try {
          releaseCallback.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      callbackStarted.await(30, TimeUnit.SECONDS);
    }
  }

  @ExtendWith(PoolExtension.class)
  static class LeavesAThreadPool {
    @Test
    void buildsAnInProcessPoolAndForgetsIt() throws Exception {
      Pool threads = ProcessPool.builder().workers(1).transport("inprocess").build();
      LEFT_RUNNING.add(threads);
      threads.apply(() -> 1);
    }
  }

  @WithPool
  static class DefaultTransport {
    @Test
    void asksForAPool(Pool pool) {
      POOLS.add(pool);
    }
  }

  @WithPool(workers = 3, builder = "unused")
  static class BuilderAndAttributes {
    static PoolBuilder unused() {
      return ProcessPool.builder();
    }

    @Test
    void asksForAPool(Pool pool) {
      POOLS.add(pool);
    }
  }
}
