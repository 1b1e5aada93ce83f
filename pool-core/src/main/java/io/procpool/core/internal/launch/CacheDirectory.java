package io.procpool.core.internal.launch;

import java.nio.file.Path;

/** Where procpool keeps what it makes once per machine: a system property's choice, else the user's cache. */
final class CacheDirectory {
  private CacheDirectory() {}

  /**
   * {@code property}'s value if set, else {@code procpool/<name>} under {@code $XDG_CACHE_HOME}, or
   * under {@code ~/.cache} without it.
   */
  static Path of(String property, String name) {
    String configured = System.getProperty(property);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("procpool").resolve(name);
  }
}
