package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The root of the transport test kit. A transport runs the whole kit with one small class:
 *
 * <pre>{@code
 * class MyTransportTest implements TransportContract {
 *   public Module transportModule() { return new MyTransportModule(); }
 * }
 * }</pre>
 *
 * Every test gets its pools from {@link Pools}, which terminates them afterwards and fails the
 * test if a worker process outlives it. A hang fails the test after a minute instead of stalling
 * the build. Optional capabilities are methods that a transport overrides.
 */
@ExtendWith(Pools.Extension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public interface TransportTestKit {

  /** The Guice module of the transport under test. */
  Module transportModule();

  /**
   * Whether what tasks print reaches this JVM's {@code System.out} and {@code System.err} (as the
   * pipes transport does); a transport whose workers inherit the standard streams says false.
   */
  default boolean capturesWorkerOutput() {
    return true;
  }

  /**
   * The transport's module with a limit on the size of one frame, for the kit's bad-frame tests;
   * {@code null} (the default) if the transport has no such limit to set, and those tests skip.
   */
  default Module transportModuleWithFrameLimit(int maxFrameBytes) {
    return null;
  }

  /** Whether the process with this pid is alive. */
  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** A builder for a pool over this transport; {@link Pools#start} uses it. */
  default PoolBuilder poolBuilder(int workers) {
    return ProcessPool.builder().workers(workers).transport(transportModule());
  }
}
