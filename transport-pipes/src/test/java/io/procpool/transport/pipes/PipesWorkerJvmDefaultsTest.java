package io.procpool.transport.pipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.inject.Module;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.procpool.Pool;
import io.procpool.tck.Pools;
import io.procpool.tck.TransportTestKit;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The worker JVM's memory defaults reach a real worker, and a heap size of the user's replaces
 * them rather than fighting them.
 */
class PipesWorkerJvmDefaultsTest implements TransportTestKit {
  private static final long MIB = 1024 * 1024;

  @Override
  public Module transportModule() {
    return new PipesTransportModule();
  }

  /** The value of the worker's {@code -XX} flag {@code name}. */
  private static String workerFlag(Pool pool, String name) throws Exception {
    return pool.apply(() -> ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name).getValue());
  }

  @Test
  void aWorkersYoungGenerationIsSmallByDefault(Pools pools) throws Exception {
    Pool pool = pools.start(1);
    assertEquals(Long.toString(24 * MIB), workerFlag(pool, "MaxNewSize"));
    assertEquals("3", workerFlag(pool, "SurvivorRatio"));
  }

  @Test
  void theUsersYoungGenerationWins(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).jvmOptions("-Xmn40m").build());
    assertEquals(Long.toString(40 * MIB), workerFlag(pool, "MaxNewSize"));
  }

  @Test
  void theUsersHeapSizeDropsOurYoungGenerationSoTheJvmSizesItFromThatHeap(Pools pools) throws Exception {
    Pool pool = pools.register(pools.builder(1).jvmOptions("-Xmx300m").build());
    assertEquals(Long.toString(300 * MIB), workerFlag(pool, "MaxHeapSize"));
    assertNotEquals(Long.toString(24 * MIB), workerFlag(pool, "MaxNewSize"));
    assertEquals("8", workerFlag(pool, "SurvivorRatio"), "the JVM's own");
  }
}
