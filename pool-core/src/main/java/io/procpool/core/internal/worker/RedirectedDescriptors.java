package io.procpool.core.internal.worker;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import io.procpool.core.internal.wire.Wire;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Descriptors 1 and 2 of a worker process, pointed at pipes of the worker's own, so that what
 * reaches them behind {@code System.out}'s back (a {@code FileOutputStream(FileDescriptor.out)},
 * a native library, a child process started with {@code inheritIO()}) is carried to the pool as
 * output instead of corrupting a protocol or bypassing the pool's streams.
 *
 * <p>Two readers take from the pipes: the runner, under its send lock, before it sends anything
 * (so bytes written before a task returned go out before its result), and a drainer thread that
 * forwards output nobody else picks up (a long task's progress, a child that outlives its task).
 * Reads happen only under that lock and only of bytes the pipe says it holds, so no read blocks
 * and no byte is ever held by one reader while the other answers: the drainer waits with
 * {@code poll}, which consumes nothing, rather than in a blocking read.
 */
final class RedirectedDescriptors {
  private static final int EINTR = 4;

  /** Receives what was read: which stream (a {@link Wire} code), the bytes and how many. */
  interface Sink {
    void accept(byte stream, byte[] bytes, int length);
  }

  private final FileInputStream stdout;
  private final FileInputStream stderr;
  /** Two {@code struct pollfd}, in native memory: the read ends of the stdout and stderr pipes. */
  private final Memory pollfds = new Memory(16);
  /** The same, for the runner's check that does not wait, while the drainer waits on the other. */
  private final Memory pollfdsNow = new Memory(16);
  private final byte[] buffer = new byte[64 * 1024];

  private RedirectedDescriptors(DescriptorStreams.Input stdout, DescriptorStreams.Input stderr) {
    this.stdout = stdout.stream();
    this.stderr = stderr.stream();
    for (Memory fds : new Memory[] {pollfds, pollfdsNow}) {
      fds.clear();
      fds.setInt(0, stdout.fd());
      fds.setShort(4, Libc.POLLIN);
      fds.setInt(8, stderr.fd());
      fds.setShort(12, Libc.POLLIN);
    }
  }

  /** Points descriptors 1 and 2 at new pipes; the caller has already kept private copies of both. */
  static RedirectedDescriptors install() throws IOException {
    DescriptorStreams.Input stdout = redirect(1);
    return new RedirectedDescriptors(stdout, redirect(2));
  }

  /** Makes {@code fd} the write end of a new pipe and returns a stream on the pipe's read end. */
  private static DescriptorStreams.Input redirect(int fd) throws IOException {
    int[] ends = new int[2];
    Libc.pipe(ends);
    Libc.dup2(ends[1], fd);
    Libc.close(ends[1]);
    DescriptorStreams.Input readEnd = DescriptorStreams.input(ends[0]);
    Libc.close(ends[0]); // the stream holds its own copy
    return readEnd;
  }

  /**
   * Hands the sink what the pipes hold now, stdout first; never blocks. Reads at most what was
   * there when it started, so a child that writes on and on cannot hold up a task's answer.
   * Callers hold the runner's send lock.
   */
  void drain(Sink sink) {
    // One poll that does not wait tells whether either pipe holds anything: the common answer,
    // no, then costs one system call, not the four of asking each stream for available().
    if (!mayHoldBytes()) {
      return;
    }
    drain(stdout, Wire.STDOUT, sink);
    drain(stderr, Wire.STDERR, sink);
  }

  private boolean mayHoldBytes() {
    try {
      return Libc.poll(pollfdsNow, new NativeLong(2), 0) != 0;
    } catch (LastErrorException interrupted) {
      return true; // EINTR: ask the streams themselves
    }
  }

  private void drain(FileInputStream pipe, byte stream, Sink sink) {
    try {
      for (int left = pipe.available(); left > 0; ) {
        int read = pipe.read(buffer, 0, Math.min(left, buffer.length));
        sink.accept(stream, buffer, read);
        left -= read;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the worker's redirected output", e);
    }
  }

  /** Starts the daemon thread that runs {@code flush} (which drains) whenever a pipe has bytes. */
  void startDrainer(Runnable flush) {
    Thread drainer = new Thread(() -> {
      while (waitUntilReadable()) {
        flush.run();
      }
    }, "procpool-output-drainer");
    drainer.setDaemon(true);
    drainer.start();
  }

  /** Waits for bytes; false once both pipes' writers are gone (user code closed fds 1 and 2). */
  private boolean waitUntilReadable() {
    try {
      Libc.poll(pollfds, new NativeLong(2), -1);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EINTR) {
        return true;
      }
      throw e;
    }
    boolean open = false;
    for (int at = 0; at < 16; at += 8) {
      if ((pollfds.getShort(at + 6) & Libc.POLL_DONE) != 0) {
        pollfds.setInt(at, -1); // poll skips a negative descriptor: a closed writer would wake it forever
      }
      open |= pollfds.getInt(at) >= 0;
    }
    return open;
  }
}
