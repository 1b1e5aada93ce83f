package io.procpool.transport.netty;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fresh directory that only this user may enter (mode 0700), holding the pool's Unix domain
 * socket: the directory's mode, not the socket file's, is what keeps other users from connecting.
 */
final class PrivateSocketDirectory {
  private final Path directory;
  private final Path socket;

  private PrivateSocketDirectory(Path directory) {
    this.directory = directory;
    this.socket = directory.resolve("pool.sock");
  }

  static PrivateSocketDirectory create() throws IOException {
    Path directory = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? Files.createTempDirectory("procpool-netty-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
        : Files.createTempDirectory("procpool-netty-"); // elsewhere a temp directory is already the user's own
    return new PrivateSocketDirectory(directory);
  }

  Path socket() {
    return socket;
  }

  Path directory() {
    return directory;
  }

  /** Removes the socket file and the directory; what cannot be removed is left, quietly. */
  void delete() {
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      // something else put a file there, or it is gone already: nothing of ours is left to leak
    }
  }
}
