package io.procpool.bench.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The worker's side of the run-twice check: every task, as it starts, appends its id to a file of
 * this worker's own ({@code <pid>.ids} in the directory the pool passes as a system property),
 * one 16-byte record per start: the id and the wall-clock time in microseconds (the parent's
 * clock too, so that a start can be set against what the parent did then, a cancel say). The file is opened in append mode and each record is written with one
 * write call, which the kernel applies whole; it is in the page cache when the write returns, so
 * a worker killed right after still leaves it. {@link StartRecords} reads them all at the end.
 */
final class StartLog {
  /** The system property naming the directory; set on the pool's builder. */
  static final String DIRECTORY_PROPERTY = "procpool.soak.startLog";
  static final String SUFFIX = ".ids";
  static final int RECORD_BYTES = 2 * Long.BYTES;

  private static FileChannel channel;

  private StartLog() {}

  /** Appends the id to this worker's file; the first call opens it. */
  static synchronized void record(long taskId) throws IOException {
    if (channel == null) {
      String directory = System.getProperty(DIRECTORY_PROPERTY);
      if (directory == null) {
        throw new IllegalStateException("not a soak worker: -D" + DIRECTORY_PROPERTY + " is not set");
      }
      Path file = Path.of(directory, ProcessHandle.current().pid() + SUFFIX);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
    ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES).putLong(0, taskId).putLong(Long.BYTES, epochMicros());
    int written = channel.write(record);
    if (written != RECORD_BYTES) {
      throw new IOException("short write of a start record: " + written + " of " + RECORD_BYTES + " bytes");
    }
  }

  /** Now, in microseconds since the epoch, as both the parent and the workers read it. */
  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }
}
