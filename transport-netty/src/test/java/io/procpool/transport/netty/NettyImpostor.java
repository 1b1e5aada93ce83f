package io.procpool.transport.netty;

import io.procpool.tck.Impostor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

/**
 * The kit's stranger at a live pool's Netty socket: it connects where every worker connects, and
 * its wrong proof is a PROOF frame of the right shape under the worker's name, with a guessed MAC.
 * A 2 GiB - 1 length is the kit's default: the transport's lengths are 4 bytes, big-endian.
 */
final class NettyImpostor implements Impostor {
  private final NettyTransport transport;

  NettyImpostor(NettyTransport transport) {
    this.transport = transport;
  }

  @Override
  public ByteChannel connect(String waitingWorker) throws IOException {
    return SocketChannel.open(RawClient.addressOf(transport)); // one socket for all workers
  }

  @Override
  public byte[] wrongProof(String workerName) {
    byte[] proof = Handshake.proof(Handshake.randomBytes(NettyWireFormat.NONCE_BYTES),
        Handshake.randomBytes(NettyWireFormat.MAC_BYTES), workerName);
    return ByteBuffer.allocate(NettyWireFormat.LENGTH_BYTES + proof.length)
        .put(NettyWireFormat.header(proof.length)).put(proof).array();
  }
}
