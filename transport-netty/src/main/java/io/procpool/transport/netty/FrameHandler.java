package io.procpool.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * Hands each whole frame to the connection as a byte array the listener will own, then the
 * close. It runs on the channel's I/O thread, where the connection calls its listener.
 */
final class FrameHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private final NettyConnection connection;

  FrameHandler(NettyConnection connection) {
    this.connection = connection;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    connection.frameArrived(ByteBufUtil.getBytes(frame));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.channelClosed();
  }
}
