package io.procpool.core.internal.worker;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The five C library calls the worker needs to move its standard descriptors, bound through JNA's
 * direct mapping (the cheapest of its call paths). The only class that names JNA: {@link #load}
 * says why it cannot be used instead of failing later. Each call throws {@link LastErrorException}
 * (with errno) when the C call fails.
 */
final class Libc {
  static final short POLLIN = 0x1;
  /** Revents bits meaning the descriptor will never be readable again (the writer closed it, or it is bad). */
  static final short POLL_DONE = 0x8 | 0x10 | 0x20; // POLLERR | POLLHUP | POLLNVAL, on Linux and macOS

  private static final String PLATFORM_PATH_PROPERTY = "jna.platform.library.path";

  private Libc() {}

  /** Binds the calls, or returns why not: not a POSIX system, JNA missing, or its native part missing. */
  static String load() {
    try {
      if (Platform.isWindows()) {
        return "Windows has no dup2 of the standard descriptors that Java's streams would follow";
      }
      // Left unset, JNA fills this in by running "/sbin/ldconfig -p" on Linux: a child process at
      // every worker start (about 80 ms of a loaded 2-core machine's). The C library needs no
      // search: its calls are found among the process's own symbols.
      if (System.getProperty(PLATFORM_PATH_PROPERTY) == null) {
        System.setProperty(PLATFORM_PATH_PROPERTY, "");
      }
      Native.register(Libc.class, NativeLibrary.getProcess());
      return null;
    } catch (LinkageError | RuntimeException e) { // NoClassDefFoundError, UnsatisfiedLinkError
      return "JNA cannot be loaded here (" + e + ")";
    }
  }

  static native int dup(int fd) throws LastErrorException;

  static native int dup2(int fd, int target) throws LastErrorException;

  /** Fills {@code fds} with the read end, then the write end. */
  static native int pipe(int[] fds) throws LastErrorException;

  static native int close(int fd) throws LastErrorException;

  /**
   * {@code pollfds} points to an array of {@code struct pollfd} (int fd, short events, short
   * revents; 8 bytes each) in native memory, which a wait of any length can hold without JNA
   * copying a Java array in and out around it. {@code nfds_t} is an unsigned long on Linux, an unsigned
   * int on macOS, which a NativeLong passes correctly in a register on both.
   */
  static native int poll(Pointer pollfds, NativeLong count, int timeoutMillis) throws LastErrorException;
}
