package io.procpool.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * Hands each whole frame to the connection's listener as a byte array it owns, then the close.
 * It runs on the connection's executor, so frames and close arrive in order, one at a time.
 */
final class FrameHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private final NettyConnection connection;

  FrameHandler(NettyConnection connection) {
    this.connection = connection;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    connection.deliver(ByteBufUtil.getBytes(frame));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.channelClosed();
  }
}
