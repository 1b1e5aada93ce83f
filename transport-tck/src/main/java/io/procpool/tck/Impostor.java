package io.procpool.tck;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * How the kit plays a stranger at a live pool's door, for {@link ImpostorContract}. A transport
 * whose pool accepts connections another local process could open (it has
 * {@link TransportCapability#ACCEPTS_CONNECTIONS}) gives one from
 * {@link TransportTestKit#impostor}. The kit connects with it, sends what its test says (random
 * bytes, {@link #wrongProof}, {@link #hugeLength}, or nothing), and checks that the pool turns the
 * stranger away: closes its connection, sends it nothing the core sent, passes nothing it sent to
 * the core, and serves on with the same workers.
 *
 * <p>Two methods to write (and two more where the transport's frames are not a 4-byte big-endian
 * length and the bytes), and they need nothing but the transport's own format:
 * <pre>{@code
 * public Impostor impostor(Transport transport) {
 *   Path socket = ((MyTransport) transport).socketPath();   // package-private, for tests
 *   return new Impostor() {
 *     public ByteChannel connect(String waitingWorker) throws IOException {
 *       return SocketChannel.open(UnixDomainSocketAddress.of(socket));
 *     }
 *     public byte[] wrongProof(String workerName) {
 *       return MyHandshake.hello(workerName, randomToken());  // the right shape, the wrong secret
 *     }
 *   };
 * }
 * }</pre>
 */
public interface Impostor {

  /**
   * Opens a connection where the pool accepts the worker named {@code waitingWorker}, as another
   * process of the same user could. The kit has connected that worker's pool side and made sure
   * the worker itself never comes, so the door is open for it: a transport with one listening
   * socket for every worker connects there, one with an endpoint per worker connects to that
   * worker's. The kit closes the channel; closing it from another thread must end a read blocked
   * on it (a {@code SocketChannel}'s does), which is how the kit stops waiting.
   *
   * @param waitingWorker the name of the worker whose door is open
   * @return a channel to the pool's door, open
   * @throws IOException if the connection cannot be opened, which fails the test
   */
  ByteChannel connect(String waitingWorker) throws IOException;

  /**
   * What a worker named {@code workerName} sends first, but with its proof of the pool's secret
   * wrong (a MAC or token guessed): what a stranger who knows the protocol, and not the secret,
   * would send.
   *
   * @param workerName the name of the worker the stranger pretends to be
   * @return the bytes of a first message with a wrong proof, framed as the transport frames it
   */
  byte[] wrongProof(String workerName);

  /**
   * The start of a frame that announces 2 GiB - 1 bytes, in the transport's encoding of lengths
   * (by default, a 4-byte big-endian length); the kit sends nothing after it.
   *
   * @return the bytes of a frame header that announces 2 GiB - 1 bytes
   */
  default byte[] hugeLength() {
    return new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
  }

  /**
   * {@code payload} framed as the transport frames what it carries for the core once a worker is
   * in (by default, a 4-byte big-endian length, then the bytes): the kit sends random bytes so,
   * the most a transport without authentication would take for a frame.
   *
   * @param payload random bytes
   * @return {@code payload} as one frame of the transport
   */
  default byte[] frameOf(byte[] payload) {
    return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }
}
