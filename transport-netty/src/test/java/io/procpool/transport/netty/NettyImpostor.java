package io.procpool.transport.netty;

import io.procpool.tck.Impostor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The kit's stranger at a live pool's Netty socket: it connects where every worker connects, and
 * its wrong proof is a PROOF frame of the right shape under the worker's name, with a guessed MAC.
 * A 2 GiB - 1 length is the kit's default: the transport's lengths are 4 bytes, big-endian. At a
 * pool that listens with TLS it speaks TLS too, accepting any certificate, as anyone can: so what
 * it sends reaches the pool's handshake, behind TLS.
 */
final class NettyImpostor implements Impostor {
  private final NettyTransport transport;

  NettyImpostor(NettyTransport transport) {
    this.transport = transport;
  }

  @Override
  public ByteChannel connect(String waitingWorker) throws IOException {
    if (!transport.encrypted()) {
      return SocketChannel.open(RawClient.addressOf(transport)); // one socket for all workers
    }
    InetSocketAddress pool = (InetSocketAddress) RawClient.addressOf(transport);
    SSLSocket socket = (SSLSocket) trustingAnyone().getSocketFactory().createSocket(pool.getAddress(), pool.getPort());
    socket.startHandshake();
    return new SocketByteChannel(socket);
  }

  @Override
  public byte[] wrongProof(String workerName) {
    byte[] proof = Handshake.proof(Handshake.randomBytes(NettyWireFormat.NONCE_BYTES),
        Handshake.randomBytes(NettyWireFormat.MAC_BYTES), workerName);
    return ByteBuffer.allocate(NettyWireFormat.LENGTH_BYTES + proof.length)
        .put(NettyWireFormat.header(proof.length)).put(proof).array();
  }

  private static SSLContext trustingAnyone() throws IOException {
    TrustManager anyone = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, new TrustManager[] {anyone}, null);
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** A TLS socket's two streams as the one channel the kit reads and writes. */
  private static final class SocketByteChannel implements ByteChannel {
    private final Socket socket;
    private final ReadableByteChannel in;
    private final WritableByteChannel out;

    SocketByteChannel(Socket socket) throws IOException {
      this.socket = socket;
      InputStream input = socket.getInputStream();
      OutputStream output = socket.getOutputStream();
      this.in = Channels.newChannel(input);
      this.out = Channels.newChannel(output);
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
      return in.read(buffer);
    }

    @Override
    public int write(ByteBuffer buffer) throws IOException {
      return out.write(buffer);
    }

    @Override
    public boolean isOpen() {
      return !socket.isClosed();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
