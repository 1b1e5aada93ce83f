package io.procpool.core.internal.worker;

import io.procpool.core.internal.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * Descriptors 1 and 2 of a worker process, pointed at pipes of the worker's own, so that what
 * reaches them behind {@code System.out}'s back (a {@code FileOutputStream(FileDescriptor.out)},
 * a native library, a child process started with {@code inheritIO()}) is carried to the pool as
 * output instead of corrupting a protocol or bypassing the pool's streams.
 *
 * <p>Two readers take from the pipes: the runner, under its send lock, before it sends anything
 * (so bytes written before a task returned go out before its result), and a drainer thread that
 * forwards output nobody else picks up (a long task's progress, a child that outlives its task).
 * The pipes' read ends are non-blocking NIO channels read only under that lock, so no read blocks
 * and no byte is ever held by one reader while the other answers: the drainer waits in a
 * {@link Selector}, which consumes nothing, rather than in a read.
 */
final class RedirectedDescriptors {
  /** A drain reads at most this much of a pipe (sixteen times Linux's pipe capacity), so a child that writes on and on cannot hold up an answer. */
  private static final int MAX_DRAIN = 1 << 20;

  /** Receives what was read: which stream (a {@link Wire} code), the bytes and how many. */
  interface Sink {
    void accept(byte stream, byte[] bytes, int length);
  }

  private final Pipe.SourceChannel stdout;
  private final Pipe.SourceChannel stderr;
  /**
   * The drains' own watch of both pipes: one {@code selectNow}, a single epoll_wait, tells whether
   * either holds anything. Not the drainer's selector: a selectNow there would wait for the
   * drainer's blocking select to return. The common answer, nothing, costs
   * that instead of a read per pipe: a worker's CPU per warm task fell by a quarter (bench/LOG.md).
   */
  private final Selector readable;
  private final byte[] bytes = new byte[64 * 1024];
  private final ByteBuffer buffer = ByteBuffer.wrap(bytes);

  private RedirectedDescriptors(Pipe.SourceChannel stdout, Pipe.SourceChannel stderr) throws IOException {
    this.stdout = stdout;
    this.stderr = stderr;
    this.readable = watching(stdout, stderr);
  }

  /** Points descriptors 1 and 2 at new pipes; the caller has already kept private copies of both. */
  static RedirectedDescriptors install() throws IOException {
    Pipe.SourceChannel stdout = redirect(1);
    return new RedirectedDescriptors(stdout, redirect(2));
  }

  private static Selector watching(Pipe.SourceChannel stdout, Pipe.SourceChannel stderr) throws IOException {
    Selector selector = Selector.open();
    stdout.register(selector, SelectionKey.OP_READ);
    stderr.register(selector, SelectionKey.OP_READ);
    return selector;
  }

  /** Makes {@code fd} the write end of a new pipe (the JDK's own, a pipe(2) on POSIX) and returns its read end. */
  private static Pipe.SourceChannel redirect(int fd) throws IOException {
    Pipe pipe = Pipe.open();
    JdkDescriptors.copyOnto(JdkDescriptors.numberOf(pipe.sink()), fd);
    pipe.sink().close(); // fd holds the write end now
    pipe.source().configureBlocking(false);
    return pipe.source();
  }

  /**
   * Hands the sink what the pipes hold now, stdout first; never blocks. Callers hold the runner's
   * send lock. Bytes a task wrote before it returned are seen: a pipe is readable (level-triggered)
   * once its write returns. A pipe whose writers are all gone is readable too, and is closed here.
   */
  void drain(Sink sink) {
    if (!anyReadable()) {
      return;
    }
    drain(stdout, Wire.STDOUT, sink);
    drain(stderr, Wire.STDERR, sink);
  }

  private boolean anyReadable() {
    try {
      int ready = readable.selectNow();
      readable.selectedKeys().clear(); // level-triggered: a pipe that still holds bytes is selected again next time
      return ready > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at the worker's redirected output", e);
    }
  }

  private void drain(Pipe.SourceChannel pipe, byte stream, Sink sink) {
    if (!pipe.isOpen()) {
      return;
    }
    try {
      for (int total = 0; total < MAX_DRAIN; ) {
        buffer.clear();
        int read = pipe.read(buffer);
        if (read <= 0) {
          if (read < 0) {
            pipe.close(); // every writer is gone (user code closed the descriptor): the drainer stops waiting on it
          }
          return;
        }
        sink.accept(stream, bytes, read);
        total += read;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the worker's redirected output", e);
    }
  }

  /** Starts the daemon thread that runs {@code flush} (which drains) whenever a pipe has bytes. */
  void startDrainer(Runnable flush) {
    Selector selector = newSelector();
    Thread drainer = new Thread(() -> {
      // A closed pipe's key leaves the selector at its next select; once both are gone, so is this thread.
      while (!selector.keys().isEmpty()) {
        waitUntilReadable(selector);
        flush.run();
      }
    }, "procpool-output-drainer");
    drainer.setDaemon(true);
    drainer.start();
  }

  private Selector newSelector() {
    try {
      return watching(stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch the worker's redirected output", e);
    }
  }

  private static void waitUntilReadable(Selector selector) {
    try {
      selector.select();
      selector.selectedKeys().clear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wait for the worker's redirected output", e);
    }
  }
}
