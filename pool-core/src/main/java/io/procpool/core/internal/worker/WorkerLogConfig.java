package io.procpool.core.internal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;

/**
 * The JDK's logging's configuration in a worker process ({@code java.util.logging.config.class},
 * set by {@link WorkerLog}): the usual one (the {@code java.util.logging.config.file} a user
 * gives the workers, else the JDK's {@code conf/logging.properties}), and then procpool's own
 * loggers routed to the process's real standard error. Public, as the JDK's logging creates it.
 */
public final class WorkerLogConfig {
  /**
   * Reads the usual configuration, then routes procpool's loggers.
   *
   * @throws IOException if the configuration file cannot be read (the JDK's logging then reads it itself)
   */
  public WorkerLogConfig() throws IOException {
    String file = System.getProperty("java.util.logging.config.file");
    Path path = file != null ? Path.of(file) : Path.of(System.getProperty("java.home"), "conf", "logging.properties");
    try (InputStream in = Files.newInputStream(path)) {
      LogManager.getLogManager().readConfiguration(in);
    }
    WorkerLog.routeToRealStderr();
  }
}
