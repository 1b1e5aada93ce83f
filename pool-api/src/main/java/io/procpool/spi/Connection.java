package io.procpool.spi;

/**
 * One side of a frame connection between a pool and one worker. Given by
 * {@link Transport#connect} in the parent and by {@link WorkerEndpoint#open} in the worker.
 *
 * <p>The states of the parent's side, and what moves it between them:
 * <pre>
 *                    worker connects (and, if the transport checks, proves itself)
 *   connect() ──▶ PENDING ─────────────────────────────────────────────▶ OPEN
 *                    │                                                     │
 *                    │ close(); the worker died before connecting;         │ close(); end of stream;
 *                    │ the transport shut down                             │ I/O error; bad frame
 *                    ▼                                                     ▼
 *                 CLOSED ◀─────────────────────────────────────────────────┘
 *        onClosed(reason) is called exactly once, on the way into CLOSED, whichever way it went
 * </pre>
 * A worker's side is OPEN when {@code open} returns. The core sends nothing while a connection is
 * PENDING (it waits for the worker's first frame), so a transport need not buffer.
 */
public interface Connection {

  /**
   * Sends one frame. The caller gives up the array. The core never calls this concurrently on
   * one connection, but may call it from different threads in turn. It may block while the
   * peer is slow to read (back pressure), and must not throw for an I/O failure: instead the
   * connection closes and the listener is told why. Frames sent after close are dropped.
   *
   * <p>In the worker ({@link WorkerEndpoint#open}'s connection), {@code send} must not return
   * before the frame is written to the operating system (the pipe, the socket): a worker answers
   * task k before it starts task k+1, and the pool relies on that answer surviving if the worker
   * crashes in task k+1 a moment later. On the pool's side it may return as soon as the frame is
   * queued.
   *
   * @param frame one whole frame; the connection owns it from now on and may keep it queued
   */
  void send(byte[] frame);

  /**
   * The largest frame, in bytes, that this connection's peer accepts: the core never sends a
   * larger one on it. If the peer's reader closes the connection over some length, say that
   * length here, on both sides (the pool's connection tells the worker's limit, the worker's the
   * pool's). The core then fails a task too large to send before sending it, has a worker answer
   * a result too large with a failure instead, and cuts what a worker prints into frames that
   * fit; without it, such a frame would end the worker.
   *
   * <p>Asked once, when {@link Transport#connect} or {@link WorkerEndpoint#open} has returned the
   * connection, which may still be PENDING; must answer at once. A limit under 1024 bytes leaves
   * too little room for the core's own messages (a short failure) and is not supported. The
   * default, {@link Integer#MAX_VALUE}, means no limit of the transport's own.
   *
   * @return the peer's largest accepted frame in bytes, at least 1024
   */
  default int maxFrameBytes() {
    return Integer.MAX_VALUE;
  }

  /**
   * Closes the connection after the frames already sent have gone out. Idempotent, callable
   * from any thread (a listener callback included), also after the transport has shut down;
   * does not block for long. The listener's {@link ConnectionListener#onClosed} follows, with
   * {@code null} as the reason if nothing went wrong before, unless it was called already. Frames
   * already on their way from the peer may still be delivered before that {@code onClosed}, or
   * dropped (a socket or pipe delivers what it had read, memory what it had queued); the one
   * promise is that no {@code onFrame} follows {@code onClosed}.
   *
   * <p>Also for a connection still PENDING, whose worker never connected: the core calls this a
   * second after the worker's process has exited, and that must still end in exactly one
   * {@code onClosed}.
   */
  void close();
}
