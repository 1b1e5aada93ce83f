package io.procpool.transport.inprocess;

import io.procpool.spi.Connection;

/**
 * One side of a connection through memory: what it sends goes out on one relay, what it
 * receives comes in on the other. Closing either side ends both directions, as closing a socket
 * does: each side's listener hears the frames already on their way, then {@code onClosed(null)}.
 */
final class InProcessConnection implements Connection {
  private final FrameRelay outgoing;
  private final FrameRelay incoming;

  InProcessConnection(FrameRelay outgoing, FrameRelay incoming) {
    this.outgoing = outgoing;
    this.incoming = incoming;
  }

  /**
   * Queues the frame for the other side. The SPI's rule that a worker's sent frame survives the
   * worker holds: a killed worker's relays deliver what was queued before they end.
   */
  @Override
  public void send(byte[] frame) {
    outgoing.send(frame);
  }

  @Override
  public void close() {
    outgoing.end(null);
    incoming.end(null);
  }
}
