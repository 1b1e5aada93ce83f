package io.procpool.examples.socket;

import io.procpool.tck.Impostor;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

/**
 * The kit's stranger at the example's door: a worker's own socket, which exists while that worker
 * has not connected yet, in a directory a process of the same user may enter. Its wrong proof is
 * a token of the right size, guessed.
 */
final class SocketImpostor implements Impostor {
  private final SocketTransport transport;

  SocketImpostor(SocketTransport transport) {
    this.transport = transport;
  }

  @Override
  public ByteChannel connect(String waitingWorker) throws IOException {
    return SocketChannel.open(UnixDomainSocketAddress.of(transport.socketDirectory().resolve(waitingWorker + ".sock")));
  }

  @Override
  public byte[] wrongProof(String workerName) {
    return WorkerToken.random().bytes();
  }
}
