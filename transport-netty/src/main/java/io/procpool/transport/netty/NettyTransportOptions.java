package io.procpool.transport.netty;

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
    TCP_LOOPBACK
  }

  /** The largest frame (a batch of tasks, or one result) either side accepts by default: 256 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 256 * 1024 * 1024;

  /** How long a new connection may take to prove it knows the pool's secret, by default. */
  public static final Duration DEFAULT_AUTH_DEADLINE = Duration.ofSeconds(10);

  private final SocketKind socketKind;
  private final Duration authDeadline;
  private final int maxFrameBytes;

  private NettyTransportOptions(Builder builder) {
    this.socketKind = builder.socketKind;
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
    return "NettyTransportOptions[socketKind=" + socketKind + ", authDeadline=" + authDeadline
        + ", maxFrameBytes=" + maxFrameBytes + "]";
  }

  /** Builds {@link NettyTransportOptions}; each setter checks its value at once. */
  public static final class Builder {
    private SocketKind socketKind = SocketKind.UNIX_DOMAIN;
    private Duration authDeadline = DEFAULT_AUTH_DEADLINE;
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;

    private Builder() {}

    /**
     * Where the pool listens; default {@link SocketKind#UNIX_DOMAIN}.
     *
     * @param kind a Unix domain socket or TCP loopback
     * @return this builder
     */
    public Builder socketKind(SocketKind kind) {
      this.socketKind = Objects.requireNonNull(kind, "socketKind");
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

    /** {@return new options with the values set so far} The builder may go on to make others. */
    public NettyTransportOptions build() {
      return new NettyTransportOptions(this);
    }
  }
}
