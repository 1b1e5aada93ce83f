package io.procpool.transport.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorChooserFactory;
import io.netty.util.concurrent.ThreadPerTaskExecutor;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Netty's classes for one kind of socket: native epoll where its library loads (Linux), NIO
 * elsewhere. Both can do TCP and Unix domain sockets (NIO through the JDK's own, on Java 16 or
 * later: {@code NioServerDomainSocketChannel}). Addresses travel to the worker as text:
 * {@code unix:/path/to/socket} or {@code tcp:127.0.0.1:port}.
 */
final class SocketFlavor {
  /** The address text's prefixes; a worker reads them in {@link WorkerSocketConnection#addressOf}. */
  static final String UNIX_PREFIX = "unix:";
  static final String TCP_PREFIX = "tcp:";

  private final SocketKind kind;
  private final boolean epoll;
  /** Where TCP listens; null for a Unix domain socket. */
  private final InetAddress tcpAddress;
  /** 0 for a port the system chooses. */
  private final int tcpPort;

  private SocketFlavor(SocketKind kind, boolean epoll, InetAddress tcpAddress, int tcpPort) {
    this.kind = kind;
    this.epoll = epoll;
    this.tcpAddress = tcpAddress;
    this.tcpPort = tcpPort;
  }

  /** The flavor of these options on this machine. Netty's {@code -Dio.netty.transport.noNative=true} forces NIO. */
  static SocketFlavor of(NettyTransportOptions options) {
    return new SocketFlavor(options.socketKind(), Epoll.isAvailable(), options.tcpAddress(), options.tcpPort());
  }

  /** The flavor for a kind, TCP on loopback. */
  static SocketFlavor of(SocketKind kind) {
    return new SocketFlavor(kind, Epoll.isAvailable(), kind == SocketKind.UNIX_DOMAIN ? null : InetAddress.getLoopbackAddress(), 0);
  }

  SocketKind kind() {
    return kind;
  }

  /** A group of {@code loops} daemon I/O threads, each started when its first channel registers. */
  EventLoopGroup newEventLoopGroup(int loops, String threadName, EventExecutorChooserFactory chooser) {
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(loops, new ThreadPerTaskExecutor(new DefaultThreadFactory(threadName, true)),
        chooser, io);
  }

  Class<? extends ServerChannel> serverChannel() {
    if (kind == SocketKind.UNIX_DOMAIN) {
      return epoll ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** Small frames go out at once: a task must not wait for Nagle's algorithm; a fixed port binds again at once. */
  void tune(ServerBootstrap server) {
    if (kind != SocketKind.UNIX_DOMAIN) {
      server.childOption(ChannelOption.TCP_NODELAY, true);
      server.option(ChannelOption.SO_REUSEADDR, true);
    }
  }

  /** Where to listen: the socket file for Unix domain sockets, the port (or any free one) of the address for TCP. */
  SocketAddress bindAddress(Path socketFile) {
    if (kind == SocketKind.UNIX_DOMAIN) {
      return unixAddress(socketFile.toString());
    }
    return new InetSocketAddress(tcpAddress, tcpPort);
  }

  /** The text form of the address a server channel is bound to. */
  String addressText(Channel server, Path socketFile) {
    if (kind == SocketKind.UNIX_DOMAIN) {
      return UNIX_PREFIX + socketFile;
    }
    InetSocketAddress bound = (InetSocketAddress) server.localAddress();
    String host = bound.getAddress().getHostAddress();
    return TCP_PREFIX + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + bound.getPort();
  }

  private SocketAddress unixAddress(String path) {
    return epoll ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
  }

  @Override
  public String toString() {
    return kind + (kind == SocketKind.TCP ? " on " + tcpAddress.getHostAddress() : "") + " over " + (epoll ? "native epoll" : "NIO");
  }
}
