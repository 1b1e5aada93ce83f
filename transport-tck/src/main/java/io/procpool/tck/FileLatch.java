package io.procpool.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A signal from a test to its tasks in the workers, so a test waits for an event instead of a
 * sleep: tasks call {@link #await(String)} with {@link #path()}, and return once the test calls
 * {@link #release()}. It is a file, because the tasks run in other processes.
 */
final class FileLatch implements AutoCloseable {
  private static final long MAX_WAIT_MILLIS = 30_000;

  private final Path directory;
  private final Path file;

  private FileLatch(Path directory) {
    this.directory = directory;
    this.file = directory.resolve("released");
  }

  static FileLatch create() throws IOException {
    return new FileLatch(Files.createTempDirectory("procpool-latch"));
  }

  /** What tasks pass to {@link #await(String)}. */
  String path() {
    return file.toString();
  }

  void release() throws IOException {
    Files.createFile(file);
  }

  /**
   * In a worker: returns once the latch at {@code path} is released.
   *
   * @throws IllegalStateException after half a minute without, so a broken test cannot hang a worker
   */
  static void await(String path) throws InterruptedException {
    Path released = Path.of(path);
    long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
    while (!Files.exists(released)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("latch " + path + " was not released within " + MAX_WAIT_MILLIS + " ms");
      }
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
