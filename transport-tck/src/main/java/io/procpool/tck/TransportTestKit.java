package io.procpool.tck;

import com.google.inject.Module;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import io.procpool.spi.Transport;
import java.util.Map;
import java.util.Set;
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
 * the build. A transport that lacks a capability some tests need (see {@link TransportCapability})
 * says so in {@link #unsupportedCapabilities()}; those tests are skipped, and after each class the
 * kit prints how many tests ran and each test it skipped, with the capability that caused it.
 */
@ExtendWith({Pools.Extension.class, CapabilityCheck.class})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public interface TransportTestKit {

  /**
   * The Guice module of the transport under test.
   *
   * @return a new module of the transport, which the kit gives to each pool it builds
   */
  Module transportModule();

  /**
   * What the transport cannot do, from {@link TransportCapability}; the tests that need it are
   * skipped, and the kit lists each skip, with the capability, after the class. The default is
   * none: every capability is assumed present, so that a transport that forgets to say otherwise
   * fails loudly instead of skipping quietly. {@link TransportCapability#FRAME_LIMIT} is the
   * exception: it is present only if {@link #transportModuleWithFrameLimit} gives a module.
   *
   * @return the capabilities the transport lacks; empty by default
   */
  default Set<TransportCapability> unsupportedCapabilities() {
    return Set.of();
  }

  /**
   * The transport's module with a limit on the size of one frame, for the kit's bad-frame tests
   * ({@link FrameLimitContract}). The default, {@code null}, means the transport has no such
   * limit to set: it lacks {@link TransportCapability#FRAME_LIMIT}, and those tests are skipped
   * and reported as any other skip.
   *
   * @param maxFrameBytes the limit the tests need, in bytes
   * @return a module whose connections keep to that limit, or {@code null}
   */
  default Module transportModuleWithFrameLimit(int maxFrameBytes) {
    return null;
  }

  /**
   * How a stranger reaches the pool that uses {@code transport} (the instance the transport's
   * module made, in use by a live pool), for {@link ImpostorContract}. A transport whose pool
   * accepts connections at an endpoint another local process can reach must say how here; one
   * that has no such endpoint lists {@link TransportCapability#ACCEPTS_CONNECTIONS} in
   * {@link #unsupportedCapabilities()} instead. The default fails the test saying so, so that no
   * transport that listens skips the check by forgetting it.
   *
   * @param transport the transport instance of the live pool under attack
   * @return how a stranger reaches that pool
   */
  default Impostor impostor(Transport transport) {
    throw new AssertionError(getClass().getSimpleName() + " does not say how a stranger reaches its pool:"
        + " implement impostor(Transport), or, if nothing of the transport can be reached from another"
        + " process, list ACCEPTS_CONNECTIONS in unsupportedCapabilities()");
  }

  /**
   * Called after each test, once the kit has terminated the test's pools and found no worker
   * process left: a transport checks here that nothing else of its own outlived the test either
   * (threads, files), and throws an {@link AssertionError} if something did. Does nothing by default.
   *
   * @throws Exception an {@code AssertionError} naming what outlived the test, or what the check
   *     itself threw
   */
  default void afterPoolsTerminated() throws Exception {}

  /**
   * System properties for the kit's programs: the JVMs it starts to run a pool of their own
   * ({@link UnclosedPoolPrograms}, {@link ParentThatDies}, {@link ProgramThatTimesItsTasks}),
   * which make the transport's module from its class name with its public no-argument
   * constructor. A module that such a constructor configures from system properties (where a
   * cluster is, say) gets them here. None by default.
   *
   * @return the properties each program JVM is started with
   */
  default Map<String, String> programSystemProperties() {
    return Map.of();
  }

  /**
   * Whether the process with this pid is alive.
   *
   * @param pid the process id
   * @return true if such a process exists and has not ended
   */
  static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * A builder for a pool over this transport; {@link Pools#start} uses it.
   *
   * @param workers the number of workers
   * @return a builder with that many workers and the transport's module, to which a test adds
   *     settings
   */
  default PoolBuilder poolBuilder(int workers) {
    return ProcessPool.builder().workers(workers).transport(transportModule());
  }
}
