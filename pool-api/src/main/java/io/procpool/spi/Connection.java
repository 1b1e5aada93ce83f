package io.procpool.spi;

/**
 * One side of a frame connection between a pool and one worker. Given by
 * {@link Transport#connect} in the parent and by {@link WorkerEndpoint#open} in the worker.
 */
public interface Connection {

  /**
   * Sends one frame. The caller gives up the array. The core never calls this concurrently on
   * one connection, but may call it from different threads in turn. It may block while the
   * peer is slow to read (back pressure), and must not throw for an I/O failure: instead the
   * connection closes and the listener is told why. Frames sent after close are dropped.
   */
  void send(byte[] frame);

  /**
   * Closes the connection. Idempotent, callable from any thread; does not block for long. The
   * listener's {@link ConnectionListener#onClosed} follows, with {@code null} as the reason if
   * nothing went wrong before.
   */
  void close();
}
