package io.procpool.spi;

import com.google.inject.Module;

/**
 * Makes a transport findable by name through {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/io.procpool.spi.TransportProvider}. A pool built
 * without an explicit transport takes the one named by the system property
 * {@code procpool.transport}, or else the available provider with the highest priority.
 */
public interface TransportProvider {

  /** The short name users select it by, such as {@code pipes} or {@code netty}. */
  String name();

  /**
   * Higher wins when no transport is named; the pipes transport has 10. A negative priority
   * means the transport is taken by name only, never by default (the in-process one has -1,
   * as a pool that names no transport expects worker processes).
   */
  int priority();

  /** Whether it can work on this machine (a native library present, say). */
  default boolean isAvailable() {
    return true;
  }

  /** A module that binds {@link Transport} and nothing that starts anything. */
  Module module();
}
