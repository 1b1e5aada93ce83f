package io.procpool.transport.netty;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Netty transport listens and what it accepts. Immutable; make one with
 * {@link #builder()}, or take {@link #defaults()}.
 *
 * <pre>{@code
 * new NettyTransportModule(NettyTransportOptions.builder()
 *     .socketKind(NettyTransportOptions.SocketKind.TCP_LOOPBACK)
 *     .authDeadline(Duration.ofSeconds(5))
 *     .build())
 * }</pre>
 */
public final class NettyTransportOptions {

  /** Where the pool listens for its workers. */
  public enum SocketKind {
    /**
     * A Unix domain socket in a private directory (mode 0700) that only this user can enter. The
     * default, as the faster of the two: on Linux a small frame's round trip took about 20%
     * less than over TCP loopback, with epoll and with NIO alike (see {@code RoundTripBench} in
     * the tests). Not tied to epoll: Netty 4.2's NIO transport has Unix domain sockets of its
     * own on Java 16 and later, so every platform Java 17 runs on has them.
     */
    UNIX_DOMAIN,
    /** TCP on 127.0.0.1, on a port the system chooses. */
    TCP_LOOPBACK,
    /**
     * TCP on the address given to {@link Builder#tcp}, on a port the system chooses: for workers
     * on other machines, as in cluster mode. Encrypted with TLS unless the address is loopback.
     */
    TCP
  }

  /** When the connections to workers are encrypted with TLS. */
  public enum Tls {
    /**
     * On TCP to any address but loopback; the default. Unix domain sockets and loopback stay
     * plain: no other machine can reach them, and the handshake keeps other local users out.
     */
    UNLESS_LOOPBACK,
    /** On TCP to any address, loopback too; refused with a Unix domain socket. */
    ALWAYS
  }

  /** The largest frame (a batch of tasks, or one result) either side accepts by default: 256 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 256 * 1024 * 1024;

  /** How long a new connection may take to prove it knows the pool's secret, by default. */
  public static final Duration DEFAULT_AUTH_DEADLINE = Duration.ofSeconds(10);

  private final SocketKind socketKind;
  private final InetAddress tcpAddress;
  private final int tcpPort;
  private final Tls tls;
  private final Duration authDeadline;
  private final int maxFrameBytes;

  private NettyTransportOptions(Builder builder) {
    this.socketKind = builder.socketKind;
    this.tcpAddress = builder.socketKind == SocketKind.TCP ? builder.tcpAddress
        : builder.socketKind == SocketKind.TCP_LOOPBACK ? InetAddress.getLoopbackAddress() : null;
    this.tcpPort = builder.socketKind == SocketKind.TCP ? builder.tcpPort : 0;
    this.tls = builder.tls;
    this.authDeadline = builder.authDeadline;
    this.maxFrameBytes = builder.maxFrameBytes;
  }

  /**
   * A Unix domain socket, a 10 s deadline to authenticate, frames up to 256 MiB.
   *
   * @return the options a {@code new NettyTransportModule()} uses
   */
  public static NettyTransportOptions defaults() {
    return builder().build();
  }

  /** {@return a builder that starts from the {@link #defaults()}} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return where the pool listens for its workers} */
  public SocketKind socketKind() {
    return socketKind;
  }

  /** {@return the address the pool listens on over TCP, or null for a Unix domain socket} */
  public InetAddress tcpAddress() {
    return tcpAddress;
  }

  /** {@return the TCP port the pool listens on, or 0 for one the system chooses} */
  public int tcpPort() {
    return tcpPort;
  }

  /** {@return when connections are encrypted} */
  public Tls tls() {
    return tls;
  }

  /**
   * {@return whether the connections to workers are encrypted with TLS} The pool's certificate
   * is made for the pool's run and reaches each worker in its launch ticket, which the worker
   * checks it against: no certificate authority takes part.
   */
  public boolean encrypted() {
    return tcpAddress != null && (tls == Tls.ALWAYS || !tcpAddress.isLoopbackAddress());
  }

  /**
   * {@return how long a new connection may take to prove itself before it is closed} A worker
   * waits as long for the pool to prove itself in turn.
   */
  public Duration authDeadline() {
    return authDeadline;
  }

  /**
   * {@return the largest frame either side accepts, in bytes} It is also what each side's
   * {@link io.procpool.spi.Connection#maxFrameBytes()} tells the core.
   */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  @Override
  public String toString() {
    return "NettyTransportOptions[socketKind=" + socketKind
        + (tcpAddress == null ? "" : ", tcpAddress=" + tcpAddress.getHostAddress() + ":" + tcpPort)
        + ", encrypted=" + encrypted() + ", authDeadline=" + authDeadline
        + ", maxFrameBytes=" + maxFrameBytes + "]";
  }

  /** Builds {@link NettyTransportOptions}; each setter checks its value at once. */
  public static final class Builder {
    private SocketKind socketKind = SocketKind.UNIX_DOMAIN;
    private InetAddress tcpAddress = InetAddress.getLoopbackAddress();
    private int tcpPort;
    private Tls tls = Tls.UNLESS_LOOPBACK;
    private Duration authDeadline = DEFAULT_AUTH_DEADLINE;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;

    private Builder() {}

    /**
     * Where the pool listens; default {@link SocketKind#UNIX_DOMAIN}.
     *
     * @param kind a Unix domain socket, TCP loopback, or TCP on the address of {@link #tcp} (loopback if not set)
     * @return this builder
     */
    public Builder socketKind(SocketKind kind) {
      this.socketKind = Objects.requireNonNull(kind, "socketKind");
      return this;
    }

    /**
     * Listen on TCP at this address, which workers on other machines can reach: {@link SocketKind#TCP}.
     * Connections are encrypted unless the address is loopback (see {@link Tls}).
     *
     * @param address an address of this machine's, which goes to each worker as where to connect
     * @return this builder
     * @throws IllegalArgumentException if {@code address} is the wildcard address, which a worker cannot connect to
     */
    public Builder tcp(InetAddress address) {
      return tcp(address, 0);
    }

    /**
     * As {@link #tcp(InetAddress)}, on a port of your choosing, for a firewall that opens only
     * that one. One pool at a time can listen on it.
     *
     * @param address an address of this machine's, which goes to each worker as where to connect
     * @param port from 1 to 65535, or 0 for one the system chooses
     * @return this builder
     * @throws IllegalArgumentException if {@code address} is the wildcard address or {@code port} is out of range
     */
    public Builder tcp(InetAddress address, int port) {
      Objects.requireNonNull(address, "address");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("a TCP port is from 1 to 65535 (or 0 for any free one), not " + port);
      }
      if (address.isAnyLocalAddress()) {
        throw new IllegalArgumentException("the netty transport listens on one address, which it gives each worker"
            + " to connect to; " + address.getHostAddress() + " is the wildcard: give the address of the interface"
            + " the workers' machines reach this one on");
      }
      this.socketKind = SocketKind.TCP;
      this.tcpAddress = address;
      this.tcpPort = port;
      return this;
    }

    /**
     * When connections are encrypted; default {@link Tls#UNLESS_LOOPBACK}. There is no way to
     * turn it off for an address other machines can reach.
     *
     * @param tls when to use TLS
     * @return this builder
     */
    public Builder tls(Tls tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * How long a connection may stay silent or unproven before it is closed; also how long a
     * worker waits for the pool to prove itself. Default 10 s.
     *
     * @param deadline the time allowed, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code deadline} is zero or negative
     */
    public Builder authDeadline(Duration deadline) {
      Objects.requireNonNull(deadline, "authDeadline");
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("authDeadline must be positive, was " + deadline);
      }
      this.authDeadline = deadline;
      return this;
    }

    /**
     * The largest frame either side accepts, in bytes; a larger one closes the connection. The
     * pool and its workers keep to it: a task or result over it fails alone, naming both sizes.
     *
     * @param bytes the limit, from 1024 up to {@code Integer.MAX_VALUE - 8}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is outside that range
     */
    public Builder maxFrameBytes(int bytes) {
      if (bytes < NettyWireFormat.SMALLEST_FRAME_LIMIT || bytes > NettyWireFormat.LARGEST_FRAME_LIMIT) {
        throw new IllegalArgumentException("maxFrameBytes must be between " + NettyWireFormat.SMALLEST_FRAME_LIMIT
            + " and " + NettyWireFormat.LARGEST_FRAME_LIMIT + ", was " + bytes);
      }
      this.maxFrameBytes = bytes;
      return this;
    }

    /**
     * {@return new options with the values set so far} The builder may go on to make others.
     *
     * @throws IllegalStateException if TLS is asked for always on a Unix domain socket
     */
    public NettyTransportOptions build() {
      if (tls == Tls.ALWAYS && socketKind == SocketKind.UNIX_DOMAIN) {
        throw new IllegalStateException("TLS runs over TCP: Tls.ALWAYS needs socketKind TCP_LOOPBACK or tcp(address),"
            + " not a Unix domain socket (which only this machine's users can reach, and the handshake admits"
            + " only the pool's workers)");
      }
      return new NettyTransportOptions(this);
    }
  }
}
