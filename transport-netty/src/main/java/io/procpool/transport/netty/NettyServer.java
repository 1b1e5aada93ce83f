package io.procpool.transport.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The pool's listening socket: opened when the first worker is connected, closed once when the
 * pool has ended, taking its private directory with it. Its threads are the transport's
 * {@link IoThreads}.
 */
final class NettyServer {
  /**
   * The buffers the pool's channels read into. Not Netty's default: its pooled and adaptive
   * allocators announce their first chunk through a JFR event, and the first JFR event class a
   * JVM loads builds JFR's metadata (~85-125 ms here) on the I/O thread, during the first
   * worker's handshake, whether or not anything records. Unpooled, a pool's start to its first
   * result took a median of 668 ms against 782 (8 alternated rounds, bench/LOG.md), and warm
   * throughput and latency did not change beyond the runs' spread.
   */
  private static final ByteBufAllocator ALLOCATOR = UnpooledByteBufAllocator.DEFAULT;

  private final Channel channel;
  private final PrivateSocketDirectory directory;
  private final String address;

  private NettyServer(Channel channel, PrivateSocketDirectory directory, String address) {
    this.channel = channel;
    this.directory = directory;
    this.address = address;
  }

  /**
   * Listens on a new socket of the given flavor, on the first of {@code io}'s loops; each accepted
   * channel goes to the least busy loop and is set up by {@code child}.
   */
  static NettyServer open(SocketFlavor flavor, IoThreads io, ChannelInitializer<Channel> child) throws IOException {
    PrivateSocketDirectory directory = flavor.kind() == NettyTransportOptions.SocketKind.UNIX_DOMAIN
        ? PrivateSocketDirectory.create() : null;
    Path socketFile = directory == null ? null : directory.socket();
    ServerBootstrap bootstrap = new ServerBootstrap().group(io.first(), io.group())
        .channel(flavor.serverChannel()).childHandler(child)
        .option(ChannelOption.ALLOCATOR, ALLOCATOR).childOption(ChannelOption.ALLOCATOR, ALLOCATOR);
    flavor.tune(bootstrap);
    try {
      Channel channel = bootstrap.bind(flavor.bindAddress(socketFile)).sync().channel();
      return new NettyServer(channel, directory, flavor.addressText(channel, socketFile));
    } catch (Exception e) { // sync() rethrows the bind's failure as it is, checked or not
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

  void close() {
    channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    if (directory != null) {
      directory.delete();
    }
  }
}
