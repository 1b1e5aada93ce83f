package io.procpool.transport.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * The handlers of a connection in its two stages. Until the peer has proven it knows the secret,
 * frames are capped at the handshake's small size and go only to the handshake handler; after
 * that they are capped at the configured limit and go to the connection's listener.
 */
final class FramePipeline {
  private static final String DECODER = "frame-decoder";
  private static final String ENCODER = "frame-encoder";
  private static final String HANDSHAKE = "handshake";
  private static final String GUARD = "guard";
  private static final String FRAMES = "frames";

  private FramePipeline() {}

  static void handshake(ChannelPipeline pipeline, ChannelHandler handshake) {
    pipeline.addLast(DECODER, new FrameDecoder(Handshake.MAX_FRAME_BYTES,
        "that a connection may send before it has proven it knows the pool's secret"));
    pipeline.addLast(ENCODER, new LengthFieldPrepender(FrameDecoder.LENGTH_BYTES));
    pipeline.addLast(HANDSHAKE, handshake);
  }

  /** Switches to the authenticated stage; called on the I/O thread by the handshake handler. */
  static void authenticated(ChannelPipeline pipeline, NettyConnection connection, int maxFrameBytes) {
    pipeline.replace(DECODER, DECODER, new FrameDecoder(maxFrameBytes, "(NettyTransportOptions.maxFrameBytes)"));
    pipeline.remove(HANDSHAKE);
    pipeline.addLast(GUARD, new ConnectionGuard(connection));
    pipeline.addLast(FRAMES, new FrameHandler(connection));
  }
}
