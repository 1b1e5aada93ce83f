package io.procpool.transport.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The pool's listening socket and the I/O thread behind it: opened when the first worker is
 * connected, closed once when the pool has ended, taking its private directory with it.
 */
final class NettyServer {
  private final EventLoopGroup group;
  private final Channel channel;
  private final PrivateSocketDirectory directory;
  private final String address;

  private NettyServer(EventLoopGroup group, Channel channel, PrivateSocketDirectory directory, String address) {
    this.group = group;
    this.channel = channel;
    this.directory = directory;
    this.address = address;
  }

  /** Listens on a new socket of the given flavor; each accepted channel is set up by {@code child}. */
  static NettyServer open(SocketFlavor flavor, ChannelInitializer<Channel> child) throws IOException {
    PrivateSocketDirectory directory = flavor.kind() == NettyTransportOptions.SocketKind.UNIX_DOMAIN
        ? PrivateSocketDirectory.create() : null;
    Path socketFile = directory == null ? null : directory.socket();
    EventLoopGroup group = flavor.newEventLoopGroup("procpool-netty-io");
    ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(flavor.serverChannel()).childHandler(child);
    flavor.tune(bootstrap);
    try {
      Channel channel = bootstrap.bind(flavor.bindAddress(socketFile)).sync().channel();
      return new NettyServer(group, channel, directory, flavor.addressText(channel, socketFile));
    } catch (Exception e) { // sync() rethrows the bind's failure as it is, checked or not
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      if (directory != null) {
        directory.delete();
      }
      throw new IOException("the netty transport cannot listen on a " + flavor
          + (socketFile == null ? "" : " at " + socketFile) + ": " + e, e);
    }
  }

  /** Where workers connect, as text for their launch ticket. */
  String address() {
    return address;
  }

  SocketAddress localAddress() {
    return channel.localAddress();
  }

  /** The private directory of a Unix domain socket, or null for TCP. */
  Path directory() {
    return directory == null ? null : directory.directory();
  }

  /** Whether the I/O thread has stopped; for tests. */
  boolean terminated() {
    return group.isTerminated();
  }

  void close() {
    channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    Quietly.shutDown(group);
    if (directory != null) {
      directory.delete();
    }
  }
}
