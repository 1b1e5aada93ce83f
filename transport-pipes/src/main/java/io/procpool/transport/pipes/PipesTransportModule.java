package io.procpool.transport.pipes;

import com.google.inject.AbstractModule;
import io.procpool.spi.EarlyLaunchModule;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;

/**
 * Selects the pipes transport: each worker's stdin and stdout carry length-prefixed frames, and
 * what tasks print reaches this process's {@code System.out} and {@code System.err} in order.
 * Only binds; starts nothing. The pool starts its first workers while it builds the injector
 * ({@link EarlyLaunchModule}).
 */
public final class PipesTransportModule extends AbstractModule implements EarlyLaunchModule {
  /** The largest frame either side accepts by default: 256 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 256 * 1024 * 1024;

  private final int maxFrameBytes;

  /** With frames up to {@link #DEFAULT_MAX_FRAME_BYTES}. */
  public PipesTransportModule() {
    this(DEFAULT_MAX_FRAME_BYTES);
  }

  /**
   * With a limit on the size of one frame (a batch of tasks or one result), in bytes. The pool and
   * its workers keep to it: a task or result over it fails alone, naming both sizes.
   *
   * @param maxFrameBytes the limit, at least 1024 (room for the core's own messages)
   * @throws IllegalArgumentException if {@code maxFrameBytes} is less than 1024
   */
  public PipesTransportModule(int maxFrameBytes) {
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 1024, was " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void configure() {
    // A provider, not a class binding, spares a cold parent Guice's class generation (CoreModule says why).
    bind(Transport.class).toProvider(() -> new PipesTransport(maxFrameBytes));
  }

  @Override
  public void configureLaunch(WorkerLaunchSpec spec) {
    PipesTransport.configure(spec, maxFrameBytes);
  }
}
