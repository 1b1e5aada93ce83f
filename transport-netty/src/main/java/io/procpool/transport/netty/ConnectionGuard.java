package io.procpool.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * A connection's watch on the I/O thread: the first error (a frame over the limit, a broken
 * socket) closes the connection at once, before more bytes are read; and a change of
 * writability wakes the senders that wait for the channel to drain.
 */
final class ConnectionGuard extends ChannelInboundHandlerAdapter {
  private final NettyConnection connection;

  ConnectionGuard(NettyConnection connection) {
    this.connection = connection;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    connection.fail(cause);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    connection.writabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.writabilityChanged(); // senders waiting to drain must stop waiting
    ctx.fireChannelInactive();
  }
}
