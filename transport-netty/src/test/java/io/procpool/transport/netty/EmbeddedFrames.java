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

/** Frames in and out of an {@link EmbeddedChannel} that runs the transport's pipeline. */
final class EmbeddedFrames {
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
    return new NettyConnection(peer, listener, ImmediateEventExecutor.INSTANCE);
  }

  /** Feeds one frame, with its length, to the channel as if it came from the peer. */
  static void receive(EmbeddedChannel channel, byte[] payload) {
    channel.writeInbound(Unpooled.buffer(4 + payload.length).writeInt(payload.length).writeBytes(payload));
  }

  /** Feeds only the length of a frame: enough for the decoder to judge it. */
  static void receiveHeader(EmbeddedChannel channel, int announcedLength) {
    channel.writeInbound(Unpooled.buffer(4).writeInt(announcedLength));
  }

  /** The next whole frame the channel sent to the peer, without its length. */
  static byte[] sent(EmbeddedChannel channel) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      byte[] chunk = new byte[part.readableBytes()];
      part.readBytes(chunk);
      part.release();
      bytes.writeBytes(chunk);
      if (bytes.size() >= 4 && bytes.size() == 4 + length(bytes.toByteArray())) {
        break;
      }
    }
    byte[] all = bytes.toByteArray();
    assertNotNull(all.length >= 4 ? all : null, "the channel sent no frame");
    assertEquals(4 + length(all), all.length, "one whole frame");
    byte[] payload = new byte[all.length - 4];
    System.arraycopy(all, 4, payload, 0, payload.length);
    return payload;
  }

  private static int length(byte[] bytes) {
    return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
  }
}
