package io.procpool.transport.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.procpool.spi.ConnectionListener;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The worker's way to its pool: connects to the ticket's address and completes the handshake. */
final class WorkerConnector {
  private WorkerConnector() {}

  /** Blocks until the connection is authenticated both ways, or fails saying why. */
  static NettyConnection connect(LaunchTicket ticket, ConnectionListener listener) throws IOException {
    Handshake.prepare();
    SocketFlavor flavor = SocketFlavor.forAddress(ticket.address());
    EventLoopGroup group = flavor.newEventLoopGroup("procpool-netty-worker");
    // One I/O thread, which also calls the listener: the worker's listener only queues tasks.
    NettyConnection connection = new NettyConnection("the pool", listener, group.next(), true);
    connection.whenClosed(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    WorkerHandshakeHandler handshake = new WorkerHandshakeHandler(ticket, connection);
    Bootstrap bootstrap = new Bootstrap().group(group).channel(flavor.clientChannel())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            FramePipeline.handshake(channel.pipeline(), handshake);
          }
        });
    flavor.tune(bootstrap);
    bootstrap.connect(flavor.parse(ticket.address())).addListener(connected -> {
      if (!connected.isSuccess()) {
        handshake.fail(null, connected.cause());
      }
    });
    try {
      awaitHandshake(handshake, ticket);
      return connection;
    } catch (IOException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * Waits twice the pool's deadline: the pool is the judge of a slow handshake, and its verdict
   * (closing the connection, with a log line that says why) should arrive before ours.
   */
  private static void awaitHandshake(WorkerHandshakeHandler handshake, LaunchTicket ticket) throws IOException {
    String where = "the pool at " + ticket.address();
    long patienceMillis = 2 * ticket.authDeadline().toMillis();
    try {
      handshake.authenticated().get(patienceMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException("cannot connect to " + where + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(where + " did not complete the handshake within " + patienceMillis + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + where, e);
    }
  }
}
