package io.procpool.spi;

/**
 * What a transport tells the core about one connection. Calls come from the transport's own
 * thread(s), one at a time and in order for a given connection.
 *
 * <p>The core's listener does real work in these calls: it decodes results, completes users'
 * futures (running whatever they chained onto them), sends frames, and may start a replacement
 * worker (so {@link Transport#connect} can be called from here). A transport that serves many
 * connections from one I/O thread should therefore call listeners on other threads, or one
 * slow listener holds up every worker.
 */
public interface ConnectionListener {

  /**
   * A whole frame has arrived. The listener owns the array. It may block briefly (the core may
   * send a frame from here); while it runs no other frame of this connection is delivered. If it
   * throws, the transport closes the connection with that exception as the reason.
   *
   * @param frame the frame's bytes, without the transport's own framing
   */
  void onFrame(byte[] frame);

  /**
   * The connection is closed and no further frame will arrive. Called exactly once per
   * connection, after the last {@link #onFrame}. {@code reason} is {@code null} for an orderly
   * close (end of stream, {@link Connection#close()} from either side, {@link Transport#shutdown()}
   * of a connection that had not failed), otherwise what went wrong: a bad frame, an
   * authentication failure, an I/O error. The message should say what happened in words a user
   * can act on.
   *
   * @param reason why the connection ended, or {@code null} if it ended in order
   */
  void onClosed(Throwable reason);
}
