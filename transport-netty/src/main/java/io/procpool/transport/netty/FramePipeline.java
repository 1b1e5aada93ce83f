package io.procpool.transport.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * The handlers of a connection in its two stages, which frame as {@link NettyWireFormat} lays
 * out. Until the peer has proven it knows the secret, frames are capped at the handshake's small
 * size and go only to the handshake handler; after that they are capped at the configured limit
 * and go to the connection's listener. Outgoing frames get their length from a prepender during
 * the handshake, and from the connection itself after it.
 */
final class FramePipeline {
  private static final String DECODER = "frame-decoder";
  private static final String ENCODER = "frame-encoder";
  private static final String HANDSHAKE = "handshake";
  private static final String GUARD = "guard";
  private static final String FRAMES = "frames";

  private FramePipeline() {}

  static void handshake(ChannelPipeline pipeline, ChannelHandler handshake) {
    pipeline.addLast(DECODER, new FrameDecoder(NettyWireFormat.FrameLimit.HANDSHAKE));
    pipeline.addLast(ENCODER, new LengthFieldPrepender(NettyWireFormat.BYTE_ORDER, NettyWireFormat.LENGTH_BYTES, 0, false));
    pipeline.addLast(HANDSHAKE, handshake);
  }

  /** Switches to the authenticated stage; called on the I/O thread by the handshake handler. */
  static void authenticated(ChannelPipeline pipeline, NettyConnection connection, int maxFrameBytes) {
    pipeline.replace(DECODER, DECODER, new FrameDecoder(NettyWireFormat.FrameLimit.configured(maxFrameBytes)));
    pipeline.remove(HANDSHAKE);
    pipeline.remove(ENCODER); // from now on the connection frames what it writes (NettyConnection.writeFramed)
    pipeline.addLast(GUARD, new ConnectionGuard(connection));
    pipeline.addLast(FRAMES, new FrameHandler(connection));
  }
}
