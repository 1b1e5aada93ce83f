package io.procpool.core.internal.worker;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Java streams on descriptors the worker made natively. Java has no public way to wrap a
 * descriptor number, and reopening {@code /proc/self/fd/N} fails for sockets (a service's stderr
 * under systemd is one) and loses a file's append mode. So each stream is opened on
 * {@code /dev/null}, which takes the lowest free descriptor, and that descriptor is then made a
 * copy of the wanted one with {@code dup2}: the same open file, whatever it is.
 */
final class DescriptorStreams {
  private static final String NULL_DEVICE = "/dev/null";

  private DescriptorStreams() {}

  record Input(FileInputStream stream, int fd) {}

  /** A stream writing to what {@code fd} is now, unaffected by what later happens to {@code fd}. */
  static FileOutputStream output(int fd) throws IOException {
    for (int attempt = 1; ; attempt++) {
      int free = lowestFree();
      FileOutputStream stream = new FileOutputStream(NULL_DEVICE, true);
      if (openedAt(free, attempt)) {
        Libc.dup2(fd, free);
        return stream;
      }
      stream.close();
    }
  }

  /** A stream reading what {@code fd} is now, and the number of its own descriptor. */
  static Input input(int fd) throws IOException {
    for (int attempt = 1; ; attempt++) {
      int free = lowestFree();
      FileInputStream stream = new FileInputStream(NULL_DEVICE);
      if (openedAt(free, attempt)) {
        Libc.dup2(fd, free);
        return new Input(stream, free);
      }
      stream.close();
    }
  }

  private static int lowestFree() {
    int free = Libc.dup(0); // dup takes the lowest free number, as the JDK's open will next
    Libc.close(free);
    return free;
  }

  /**
   * Whether the stream just opened on /dev/null got descriptor {@code free}. Not always: another
   * thread may open a file in between, or free a lower number (the JDK's cleaner closes streams
   * nobody closed, such as those class loading left), and then the stream is elsewhere; writing
   * the protocol to /dev/null would hang the pool's wait for this worker. Checked where /proc
   * shows descriptors (Linux); elsewhere trusted.
   */
  private static boolean openedAt(int free, int attempt) throws IOException {
    Path descriptors = Path.of("/proc/self/fd");
    if (!Files.isDirectory(descriptors)) {
      return true;
    }
    Path link = descriptors.resolve(Integer.toString(free));
    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).toString().equals(NULL_DEVICE)) {
      return true;
    }
    if (attempt == 100) {
      throw new IOException("cannot open a stream on descriptor " + free
          + ": other threads keep opening and closing files meanwhile");
    }
    return false;
  }
}
