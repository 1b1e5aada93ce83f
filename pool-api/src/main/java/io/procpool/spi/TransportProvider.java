package io.procpool.spi;

import com.google.inject.Module;

/**
 * Makes a transport findable by name through {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.procpool.spi.TransportProvider}. A pool built
 * without an explicit transport takes the one named by the system property
 * {@code procpool.transport}, or else the available provider with the highest priority.
 */
public interface TransportProvider {

  /**
   * {@return the short name users select it by, such as {@code pipes} or {@code netty}} It is the
   * value of {@code procpool.transport} or of {@code PoolBuilder.transport(String)}.
   */
  String name();

  /**
   * Higher wins when no transport is named; the pipes transport has 10. A negative priority
   * means the transport is taken by name only, never by default (the in-process one has -1,
   * as a pool that names no transport expects worker processes).
   *
   * @return the provider's rank among available ones when no transport is named
   */
  int priority();

  /**
   * Whether it can work on this machine (a native library present, say).
   *
   * @return false to be skipped when the pool picks a transport by priority
   */
  default boolean isAvailable() {
    return true;
  }

  /**
   * The Guice module the pool installs to get its transport.
   *
   * @return a module that binds {@link Transport} (unscoped) and nothing that starts anything
   */
  Module module();
}
