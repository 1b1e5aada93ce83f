package io.procpool.core.internal.pool;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A worker side that says it is up, by a file named for its pid in the directory that
 * {@value #DIRECTORY_PROPERTY} names, and then never connects: only a kill ends its worker.
 */
public final class MarkerEndpoint implements WorkerEndpoint {
  static final String DIRECTORY_PROPERTY = "procpool.test.markerDirectory";

  /** Called by the worker's main, which finds this class by name. */
  public MarkerEndpoint() {}

  @Override
  public Connection open(InputStream stdin, OutputStream stdout, ConnectionListener listener) throws IOException {
    Path directory = Path.of(System.getProperty(DIRECTORY_PROPERTY));
    Files.createFile(directory.resolve(Long.toString(ProcessHandle.current().pid())));
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // only a kill ends it
      }
    }
  }

  @Override
  public boolean usesStandardOutput() {
    return false;
  }
}
