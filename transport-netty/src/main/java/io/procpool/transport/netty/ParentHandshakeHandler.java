package io.procpool.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.ScheduledFuture;
import io.procpool.transport.netty.Handshake.HandshakeException;
import io.procpool.transport.netty.Handshake.Proof;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The pool's side of the handshake on one accepted channel: challenges the peer, checks its proof
 * within the deadline, and hands the channel to the worker it names. Anything else (a wrong
 * proof, silence, a frame over the handshake's size, a name no worker is waiting under) closes
 * the channel and is logged; nothing from such a channel ever reaches the core.
 */
final class ParentHandshakeHandler extends SimpleChannelInboundHandler<ByteBuf> {
  private static final System.Logger LOG = System.getLogger(ParentHandshakeHandler.class.getPackageName());
  private static final int MAX_NAME_IN_LOG = 64;

  private final byte[] secret;
  private final Function<String, NettyConnection> waitingWorkers;
  private final BooleanSupplier anyWorkerAwaited;
  private final Duration deadline;
  private final int maxFrameBytes;
  private final byte[] poolNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
  private ScheduledFuture<?> timer;
  private boolean finished;

  /**
   * @param waitingWorkers the connection waiting for the worker of a given name, or null
   * @param anyWorkerAwaited whether any connection still waits for its worker
   */
  ParentHandshakeHandler(byte[] secret, Function<String, NettyConnection> waitingWorkers,
                         BooleanSupplier anyWorkerAwaited, Duration deadline, int maxFrameBytes) {
    this.secret = secret;
    this.waitingWorkers = waitingWorkers;
    this.anyWorkerAwaited = anyWorkerAwaited;
    this.deadline = deadline;
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Begins at once if the channel is already active when this handler is added. */
  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      challenge(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    challenge(ctx);
    ctx.fireChannelActive();
  }

  private void challenge(ChannelHandlerContext ctx) {
    if (timer != null) {
      return;
    }
    timer = ctx.executor().schedule(() -> reject(ctx, "it did not prove it knows the pool's secret within "
        + deadline.toMillis() + " ms"), deadline.toNanos(), TimeUnit.NANOSECONDS);
    ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.challenge(poolNonce)));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
    if (finished) {
      return;
    }
    try {
      admit(ctx, Handshake.readProof(ByteBufUtil.getBytes(frame)));
    } catch (HandshakeException e) {
      reject(ctx, e.getMessage());
    }
  }

  private void admit(ChannelHandlerContext ctx, Proof proof) throws HandshakeException {
    String name = proof.workerName();
    byte[] expected = Handshake.workerMac(secret, poolNonce, proof.workerNonce(), name);
    if (!Handshake.sameMac(expected, proof.mac())) {
      throw new HandshakeException("its proof of the pool's secret is wrong (it said it was worker '"
          + printable(name) + "')");
    }
    NettyConnection connection = waitingWorkers.apply(name);
    if (connection == null || !connection.attach(ctx.channel())) {
      // It knows the secret. Under the name of a worker that is connected, that is news; under
      // one the pool closed (or never had, or no longer has), it is one of the pool's own
      // workers come late, at its close or after its replacement: no news once none is awaited.
      boolean late = connection == null || connection.closing();
      reject(ctx, "no worker named '" + printable(name) + "' is waiting to connect"
          + (late ? " (it was closed)" : " (it is connected already)"), late ? awaitedOrNot() : System.Logger.Level.WARNING);
      return;
    }
    finished = true;
    timer.cancel(false);
    byte[] poolMac = Handshake.poolMac(secret, poolNonce, proof.workerNonce(), name);
    // Framed by the handshake's prepender, so written before the switch removes it; nothing of
    // the core's can come first, as it reaches this channel through this thread.
    ctx.writeAndFlush(Unpooled.wrappedBuffer(Handshake.welcome(poolMac)));
    FramePipeline.authenticated(ctx.pipeline(), connection, maxFrameBytes);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    reject(ctx, cause instanceof TooLongFrameException ? "it " + cause.getMessage() : "its connection failed: " + cause);
  }

  /**
   * A connection that closes before its proof, while no worker is awaited, put nothing at stake:
   * at a pool's close it is one of its own workers, killed in its handshake. Said at DEBUG then.
   */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reject(ctx, "it closed the connection before proving it knows the pool's secret", awaitedOrNot());
    ctx.fireChannelInactive();
  }

  /** WARNING while a worker is awaited, when what is refused could have been at stake; DEBUG once none is. */
  private System.Logger.Level awaitedOrNot() {
    return anyWorkerAwaited.getAsBoolean() ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
  }

  private void reject(ChannelHandlerContext ctx, String why) {
    reject(ctx, why, System.Logger.Level.WARNING);
  }

  private void reject(ChannelHandlerContext ctx, String why, System.Logger.Level level) {
    if (finished) {
      return;
    }
    finished = true;
    if (timer != null) {
      timer.cancel(false);
    }
    LOG.log(level, "procpool netty transport: closed a connection from "
        + from(ctx.channel().remoteAddress()) + " without letting it in: " + why);
    ctx.close();
  }

  private static String from(SocketAddress remote) {
    String text = remote == null ? "" : remote.toString();
    return text.isEmpty() || text.equals("/") ? "a local process" : text;
  }

  /** A peer not yet trusted chose this text: keep the log to one plain, short line. */
  private static String printable(String text) {
    String shown = text.length() > MAX_NAME_IN_LOG ? text.substring(0, MAX_NAME_IN_LOG) + "…" : text;
    return shown.codePoints()
        .map(c -> c < 0x20 || c == 0x7f ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }
}
