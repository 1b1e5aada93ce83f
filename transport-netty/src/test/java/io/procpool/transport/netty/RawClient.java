package io.procpool.transport.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A plain JDK socket to a live pool's listening address, to misbehave on; it keeps what it sent. */
final class RawClient implements AutoCloseable {
  private final SocketChannel channel;
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

  private RawClient(SocketChannel channel) {
    this.channel = channel;
  }

  static RawClient connect(NettyTransport transport) throws IOException {
    return new RawClient(SocketChannel.open(addressOf(transport)));
  }

  /** Where a live pool's transport listens, as a client connects to it. */
  static SocketAddress addressOf(NettyTransport transport) {
    SocketAddress listening = transport.listeningAddress();
    return listening instanceof InetSocketAddress
        ? listening
        : UnixDomainSocketAddress.of(transport.socketDirectory().resolve("pool.sock"));
  }

  void sendFrame(byte[] payload) throws IOException {
    sendHeader(payload.length);
    write(ByteBuffer.wrap(payload));
  }

  void sendHeader(int announcedLength) throws IOException {
    write(NettyWireFormat.header(announcedLength));
  }

  /** Bytes as they are, framed or not. */
  void sendBytes(byte[] bytes) throws IOException {
    write(ByteBuffer.wrap(bytes));
  }

  /** Everything this client has written to the pool. */
  synchronized byte[] sent() {
    return sent.toByteArray();
  }

  byte[] readFrame() throws IOException {
    ByteBuffer header = readFully(NettyWireFormat.LENGTH_BYTES);
    return readFully((int) NettyWireFormat.announcedLength(header.array())).array();
  }

  /** Reads until the pool closes the connection; true once it has. */
  boolean closedByThePool() {
    receivedUntilClosed();
    return true;
  }

  /** What the pool sends from now until it closes the connection (reset by the pool counts as closed). */
  byte[] receivedUntilClosed() {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    ByteBuffer sink = ByteBuffer.allocate(1024);
    try {
      while (channel.read(sink.clear()) >= 0) {
        received.write(sink.array(), 0, sink.position());
      }
    } catch (IOException e) {
      // reset by the pool: closed too
    }
    return received.toByteArray();
  }

  private void write(ByteBuffer bytes) throws IOException {
    synchronized (this) {
      sent.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private ByteBuffer readFully(int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new IOException("the pool closed the connection after " + buffer.position() + " of " + length + " bytes");
      }
    }
    return buffer.flip();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
