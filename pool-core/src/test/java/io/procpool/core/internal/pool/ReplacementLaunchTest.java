package io.procpool.core.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerLauncher;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replacement worker is launched on the pool's launch thread, not on the thread that reported
 * its predecessor gone (a transport's reader, in a real pool, whose other frames would wait), and
 * a launch still on its way when the pool is terminated leaves no process behind.
 */
class ReplacementLaunchTest {
  private static final long PATIENCE_SECONDS = 30;

  @BeforeEach
  void reset() {
    Recorded.reset();
  }

  @Test
  void aReplacementIsLaunchedOffTheThreadThatReportedTheDeath() throws Exception {
    Pool pool = ProcessPool.builder().workers(2).transport(new FakeTransportModule()).build();
    try {
      Recorded.holdLaunches();
      Thread reader = new Thread(() -> Recorded.listeners.get("PoolWorker-1").onClosed(new IOException("gone")),
          "procpool-test-reader");
      reader.start();
      reader.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
      assertTrue(!reader.isAlive(), "the reader returned while its worker's replacement was still being launched");
      assertTrue(Recorded.launchBegun.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "a replacement was launched");
      assertEquals("procpool-launch", Recorded.launchThreads.get("PoolWorker-3"));
      Recorded.releaseLaunches();
    } finally {
      Recorded.releaseLaunches();
      pool.terminate();
    }
  }

  @Test
  void aLaunchOnItsWayWhenThePoolIsTerminatedLeavesNoProcess() throws Exception {
    Pool pool = ProcessPool.builder().workers(1).transport(new FakeTransportModule()).build();
    Recorded.holdLaunches();
    Recorded.listeners.get("PoolWorker-1").onClosed(new IOException("gone"));
    assertTrue(Recorded.launchBegun.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "a replacement was launched");
    Thread release = new Thread(() -> {
      try {
        Thread.sleep(200); // terminate() is waiting by then
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Recorded.releaseLaunches();
    });
    release.start();
    pool.terminate();
    release.join();
    FakeWorkerProcess late = Recorded.processes.get("PoolWorker-2");
    assertTrue(late != null && late.killed(), "terminate() returned after the replacement launched on its way"
        + " was killed");
  }

  /** What the fake launcher and transport saw, for the test to look at. */
  static final class Recorded {
    static final Map<String, ConnectionListener> listeners = new ConcurrentHashMap<>();
    static final Map<String, String> launchThreads = new ConcurrentHashMap<>();
    static final Map<String, FakeWorkerProcess> processes = new ConcurrentHashMap<>();
    static final List<String> launched = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch hold = new CountDownLatch(0);
    static volatile CountDownLatch launchBegun = new CountDownLatch(1);

    static void reset() {
      listeners.clear();
      launchThreads.clear();
      processes.clear();
      launched.clear();
      hold = new CountDownLatch(0);
      launchBegun = new CountDownLatch(1);
    }

    /** Launches from now on wait until {@link #releaseLaunches}. */
    static void holdLaunches() {
      hold = new CountDownLatch(1);
    }

    static void releaseLaunches() {
      hold.countDown();
    }
  }

  static final class FakeTransportModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Transport.class).to(FakeTransport.class);
      bind(WorkerLauncher.class).to(HeldLauncher.class);
    }
  }

  /** Starts {@link FakeWorkerProcess}es, each launch waiting while launches are held. */
  static final class HeldLauncher implements WorkerLauncher {
    @Override
    public WorkerProcess launch(WorkerLaunchSpec spec) {
      CountDownLatch hold = Recorded.hold;
      if (hold.getCount() > 0) {
        Recorded.launchThreads.put(spec.workerName(), Thread.currentThread().getName());
        Recorded.launchBegun.countDown();
        try {
          hold.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      FakeWorkerProcess process = new FakeWorkerProcess(spec.workerName());
      Recorded.processes.put(spec.workerName(), process);
      Recorded.launched.add(spec.workerName());
      return process;
    }
  }

  /** Keeps each worker's listener, so that the test can report the worker gone. */
  static final class FakeTransport implements Transport {
    @Override
    public void configure(WorkerLaunchSpec spec) {
      spec.endpointClass("none");
    }

    @Override
    public Connection connect(WorkerProcess worker, ConnectionListener listener) {
      Recorded.listeners.put(worker.name(), listener);
      return new FakeConnection();
    }

    @Override
    public void shutdown() {}
  }
}
