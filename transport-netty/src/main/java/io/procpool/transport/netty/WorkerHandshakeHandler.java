package io.procpool.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.procpool.transport.netty.Handshake.HandshakeException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * The worker's side of the handshake: answers the pool's challenge with a proof and its name,
 * then checks the pool's own proof before it lets any frame through. {@link #authenticated()}
 * completes when the connection is ready, or fails with why not.
 */
final class WorkerHandshakeHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private final LaunchTicket ticket;
  private final NettyConnection connection;
  private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
  private final byte[] workerNonce = Handshake.randomBytes(Handshake.NONCE_BYTES);
  private byte[] poolNonce;

  WorkerHandshakeHandler(LaunchTicket ticket, NettyConnection connection) {
    this.ticket = ticket;
    this.connection = connection;
  }

  CompletableFuture<Void> authenticated() {
    return authenticated;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    try {
      byte[] message = ByteBufUtil.getBytes(frame);
      if (poolNonce == null) {
        answerChallenge(ctx, message);
      } else {
        acceptWelcome(ctx, message);
      }
    } catch (HandshakeException e) {
      fail(ctx, e);
    }
  }

  private void answerChallenge(ChannelHandlerContext ctx, byte[] challenge) throws HandshakeException {
    poolNonce = Handshake.readChallenge(challenge);
    byte[] mac = Handshake.workerMac(ticket.secret(), poolNonce, workerNonce, ticket.workerName());
    ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.proof(workerNonce, mac, ticket.workerName())));
  }

  private void acceptWelcome(ChannelHandlerContext ctx, byte[] welcome) throws HandshakeException {
    byte[] expected = Handshake.poolMac(ticket.secret(), poolNonce, workerNonce, ticket.workerName());
    if (!Handshake.sameMac(expected, Handshake.readWelcome(welcome))) {
      throw new HandshakeException("the process listening at " + ticket.address()
          + " does not know the pool's secret: it is not this worker's pool");
    }
    FramePipeline.authenticated(ctx.pipeline(), connection, ticket.maxFrameBytes());
    connection.attach(ctx.channel());
    authenticated.complete(null);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(ctx, cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    fail(ctx, new IOException("the pool closed the connection during the handshake: it did not let"
        + " this worker in (its log says why)"));
    ctx.fireChannelInactive();
  }

  /** Also for a failed connect, before this handler has seen the channel. */
  void fail(ChannelHandlerContext ctx, Throwable cause) {
    if (authenticated.completeExceptionally(cause) && ctx != null) {
      ctx.close();
    }
  }
}
