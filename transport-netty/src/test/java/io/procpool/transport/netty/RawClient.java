package io.procpool.transport.netty;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A plain JDK socket to a live pool's listening address, to misbehave on. */
final class RawClient implements AutoCloseable {
  private final SocketChannel channel;

  private RawClient(SocketChannel channel) {
    this.channel = channel;
  }

  static RawClient connect(NettyTransport transport) throws IOException {
    SocketAddress listening = transport.listeningAddress();
    SocketAddress address = listening instanceof InetSocketAddress
        ? listening
        : UnixDomainSocketAddress.of(transport.socketDirectory().resolve("pool.sock"));
    return new RawClient(SocketChannel.open(address));
  }

  void sendFrame(byte[] payload) throws IOException {
    sendHeader(payload.length);
    write(ByteBuffer.wrap(payload));
  }

  void sendHeader(int announcedLength) throws IOException {
    write(NettyWireFormat.header(announcedLength));
  }

  byte[] readFrame() throws IOException {
    ByteBuffer header = readFully(NettyWireFormat.LENGTH_BYTES);
    return readFully((int) NettyWireFormat.announcedLength(header.array())).array();
  }

  /** Reads until the pool closes the connection; true once it has. */
  boolean closedByThePool() {
    ByteBuffer sink = ByteBuffer.allocate(1024);
    try {
      while (channel.read(sink.clear()) >= 0) {
        // whatever the pool still sends, until it closes
      }
      return true;
    } catch (IOException e) {
      return true; // reset by the pool: closed too
    }
  }

  private void write(ByteBuffer bytes) throws IOException {
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
