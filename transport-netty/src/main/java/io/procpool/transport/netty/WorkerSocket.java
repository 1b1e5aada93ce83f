package io.procpool.transport.netty;

import io.procpool.transport.netty.internal.PinnedCertificate;
import io.procpool.transport.netty.internal.TlsIdentity;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/**
 * The worker's socket to its pool, plain or with TLS: a connected byte stream each way. Plain is
 * a JDK {@link SocketChannel}, which writes a frame and its header in one write; TLS is
 * a JDK {@link SSLSocket} that trusts only the certificate its launch ticket pins.
 */
interface WorkerSocket extends Closeable {
  /** The bytes from the pool; buffered. */
  InputStream input();

  /** Writes one frame with its header, whole, before it returns. */
  void write(ByteBuffer header, byte[] frame) throws IOException;

  /** Proves the pool to this worker where the socket can (TLS); a no-op on a plain socket. */
  void authenticatePool() throws IOException;

  /** Connects to {@code address}; with TLS if {@code tlsPin} is not null (the handshake comes later). */
  static WorkerSocket connect(SocketAddress address, String tlsPin) throws IOException {
    return tlsPin == null ? new Plain(address) : new Tls(address, tlsPin);
  }

  /** A plain socket: Unix domain or TCP. */
  final class Plain implements WorkerSocket {
    /**
     * A frame up to this size goes out of one direct buffer kept for the purpose: one write, and
     * none of the temporary direct buffers a gathering write of two heap buffers takes (the
     * JDK copies each into one of its own first). Larger frames are rare and go as before.
     */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    private final SocketChannel channel;
    private final InputStream in;
    /** Written only under the connection's write lock, as every write is. */
    private final ByteBuffer small = ByteBuffer.allocateDirect(KEPT_BUFFER_BYTES);

    Plain(SocketAddress address) throws IOException {
      channel = SocketChannel.open(address);
      if (channel.getRemoteAddress() instanceof InetSocketAddress) {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // an answer must not wait for Nagle
      }
      in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
    }

    @Override
    public InputStream input() {
      return in;
    }

    @Override
    public void write(ByteBuffer header, byte[] frame) throws IOException {
      if (header.remaining() + frame.length <= small.capacity()) {
        small.clear();
        small.put(header).put(frame).flip();
        while (small.hasRemaining()) {
          channel.write(small);
        }
        return;
      }
      ByteBuffer[] buffers = {header, ByteBuffer.wrap(frame)};
      while (buffers[0].hasRemaining() || buffers[1].hasRemaining()) {
        channel.write(buffers);
      }
    }

    @Override
    public void authenticatePool() {
      // the handshake's MAC proves the pool
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** TLS over TCP, TLS 1.3 only, trusting one certificate. */
  final class Tls implements WorkerSocket {
    /** Large enough that a small frame and its header leave as one TLS record. */
    private static final int OUT_BUFFER = 16 * 1024;

    private final Socket tcp;
    private final SSLSocket tls;
    private final InputStream in;
    private final OutputStream out;

    Tls(SocketAddress address, String tlsPin) throws IOException {
      InetSocketAddress remote = (InetSocketAddress) address;
      tcp = new Socket();
      try {
        tcp.connect(remote);
        tcp.setTcpNoDelay(true);
        tls = (SSLSocket) PinnedCertificate.clientContext(tlsPin).getSocketFactory()
            .createSocket(tcp, remote.getHostString(), remote.getPort(), true);
        tls.setEnabledProtocols(new String[] {TlsIdentity.PROTOCOL});
        in = new BufferedInputStream(tls.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(tls.getOutputStream(), OUT_BUFFER);
      } catch (IOException | RuntimeException e) {
        tcp.close();
        throw e;
      }
    }

    @Override
    public InputStream input() {
      return in;
    }

    @Override
    public void write(ByteBuffer header, byte[] frame) throws IOException {
      out.write(header.array(), header.arrayOffset() + header.position(), header.remaining());
      out.write(frame);
      out.flush();
    }

    @Override
    public void authenticatePool() throws IOException {
      tls.startHandshake();
    }

    /** Closes the TCP socket under TLS too, which ends a read blocked on another thread at once. */
    @Override
    public void close() throws IOException {
      try {
        tcp.close();
      } finally {
        try {
          tls.close();
        } catch (IOException e) {
          // its TCP socket is closed: nothing more to do
        }
      }
    }
  }
}
