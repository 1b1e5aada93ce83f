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
    int free = lowestFree();
    FileOutputStream stream = new FileOutputStream(NULL_DEVICE, true);
    adopt(free, fd);
    return stream;
  }

  /** A stream reading what {@code fd} is now, and the number of its own descriptor. */
  static Input input(int fd) throws IOException {
    int free = lowestFree();
    FileInputStream stream = new FileInputStream(NULL_DEVICE);
    adopt(free, fd);
    return new Input(stream, free);
  }

  private static int lowestFree() {
    int free = Libc.dup(0); // dup takes the lowest free number, as the JDK's open will next
    Libc.close(free);
    return free;
  }

  /** Makes {@code streamFd}, which the JDK just opened on /dev/null, a copy of {@code fd}. */
  private static void adopt(int streamFd, int fd) throws IOException {
    Path link = Path.of("/proc/self/fd", Integer.toString(streamFd));
    // Where /proc shows it (Linux), make sure no other thread took the number in between.
    if (Files.isSymbolicLink(link) && !Files.readSymbolicLink(link).toString().equals(NULL_DEVICE)) {
      throw new IOException("descriptor " + streamFd + " is " + Files.readSymbolicLink(link)
          + ", not the stream just opened on " + NULL_DEVICE + ": another thread opened a file meanwhile");
    }
    Libc.dup2(fd, streamFd);
  }
}
