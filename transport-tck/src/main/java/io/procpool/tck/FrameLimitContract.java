package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Module;
import io.procpool.Pool;
import io.procpool.WorkerDiedException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Bad frames: one over the transport's limit ends the connection that carried it, never the
 * pool, and never with an OutOfMemoryError. Needs {@link TransportCapability#FRAME_LIMIT}:
 * where {@link #transportModuleWithFrameLimit} gives no module, both tests are skipped and reported.
 */
public interface FrameLimitContract extends TransportTestKit {
  int LIMIT = 64 * 1024;

  private Pool limitedPool(Pools pools) {
    Module limited = transportModuleWithFrameLimit(LIMIT); // not null: CapabilityCheck skips tests without
    return pools.register(pools.builder(1).transport(limited).build());
  }

  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void resultOverTheFrameLimitEndsItsWorkerAndThePoolGoesOn(Pools pools) throws Exception {
    Pool pool = limitedPool(pools);
    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> pool.apply(() -> TckTasks.bytesOf(4 * LIMIT)));
    assertInstanceOf(WorkerDiedException.class, failure.getCause());
    assertEquals(9, pool.apply(TckTasks::square, 3));
  }

  @Test
  @Requires(TransportCapability.FRAME_LIMIT)
  default void argumentOverTheFrameLimitEndsItsWorkerAndThePoolGoesOn(Pools pools) throws Exception {
    Pool pool = limitedPool(pools);
    byte[] tooBig = TckTasks.bytesOf(4 * LIMIT);
    ExecutionException failure = assertThrows(ExecutionException.class, () -> pool.apply(TckTasks::echo, tooBig));
    assertInstanceOf(WorkerDiedException.class, failure.getCause());
    byte[] fits = TckTasks.bytesOf(LIMIT / 2);
    assertArrayEquals(fits, pool.apply(TckTasks::echo, fits));
  }
}
