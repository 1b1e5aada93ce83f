package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.procpool.spi.ConnectionListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

/**
 * Frames in and out of an {@link EmbeddedChannel} that runs the transport's pipeline. The peer's
 * frames are written and read with {@link NettyWireFormat}'s header, as the worker writes and
 * reads them, so that every test through here also checks that the two ends agree.
 */
final class EmbeddedFrames {
  private static final int HEADER = NettyWireFormat.LENGTH_BYTES;

  private EmbeddedFrames() {}

  /**
   * A channel in the handshake stage with {@code handshake} as its handler; it is active at
   * once, and its clock stands still until the test moves it.
   */
  static EmbeddedChannel handshakeChannel(ChannelHandler handshake) {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.freezeTime(); // deadlines move only when a test advances the clock
    FramePipeline.handshake(channel.pipeline(), handshake);
    return channel;
  }

  /** A connection that calls its listener at once, on the test's thread. */
  static NettyConnection connection(String peer, ConnectionListener listener) {
    return new NettyConnection(peer, listener, ImmediateEventExecutor.INSTANCE, () -> false,
        NettyTransportOptions.DEFAULT_MAX_FRAME_BYTES);
  }

  /** Feeds one frame, with its length, to the channel as if it came from the peer. */
  static void receive(EmbeddedChannel channel, byte[] payload) {
    channel.writeInbound(Unpooled.wrappedBuffer(NettyWireFormat.header(payload.length), ByteBuffer.wrap(payload)));
  }

  /** Feeds only the length of a frame: enough for the decoder to judge it. */
  static void receiveHeader(EmbeddedChannel channel, int announcedLength) {
    channel.writeInbound(Unpooled.wrappedBuffer(NettyWireFormat.header(announcedLength)));
  }

  /**
   * Feeds the channel what arrives on {@code socket}, one read at a time, until {@code done}
   * holds or the socket ends: the pool's I/O thread, for a worker at the socket's other end.
   */
  static void receiveFrom(SocketChannel socket, EmbeddedChannel channel, BooleanSupplier done) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (!done.getAsBoolean() && socket.read(buffer.clear()) >= 0) {
      channel.writeInbound(Unpooled.copiedBuffer(buffer.flip()));
    }
  }

  /** Writes what the channel has sent so far onto {@code socket}, to the worker at its other end. */
  static void sendTo(SocketChannel socket, EmbeddedChannel channel) throws IOException {
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      try {
        ByteBuffer bytes = part.nioBuffer();
        while (bytes.hasRemaining()) {
          socket.write(bytes);
        }
      } finally {
        part.release();
      }
    }
  }

  /**
   * The next whole frame the channel sent to the peer, without its length. The channel's loop
   * runs what is queued on it first, as a real I/O thread does after its reads: a frame sent from
   * the loop is flushed from there.
   */
  static byte[] sent(EmbeddedChannel channel) {
    channel.runPendingTasks();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      byte[] chunk = new byte[part.readableBytes()];
      part.readBytes(chunk);
      part.release();
      bytes.writeBytes(chunk);
      if (bytes.size() >= HEADER && bytes.size() == HEADER + length(bytes.toByteArray())) {
        break;
      }
    }
    byte[] all = bytes.toByteArray();
    assertNotNull(all.length >= HEADER ? all : null, "the channel sent no frame");
    assertEquals(HEADER + length(all), all.length, "one whole frame");
    byte[] payload = new byte[all.length - HEADER];
    System.arraycopy(all, HEADER, payload, 0, payload.length);
    return payload;
  }

  private static long length(byte[] bytes) {
    return NettyWireFormat.announcedLength(bytes);
  }
}
