package io.procpool.transport.netty;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The bytes on a Netty transport connection, defined once for its two ends: the pool's Netty
 * pipeline ({@link FramePipeline}) and the worker's blocking socket ({@link WorkerSocketConnection}).
 * Plain JDK, so that the worker's side needs no Netty class to use it.
 *
 * <p>Everything on the socket is a frame:
 * <pre>
 * +-----------------------------+---------------------------+
 * | length: 4 bytes, big-endian | payload: length bytes     |
 * | unsigned, the payload only  |                           |
 * +-----------------------------+---------------------------+
 * </pre>
 * A reader judges the length as soon as it has read it, before buffering anything for the payload:
 * over the {@linkplain FrameLimit limit} of the connection's stage, the connection is closed.
 *
 * <p>The first three frames are the {@linkplain Handshake handshake}, each at most
 * {@value #HANDSHAKE_FRAME_LIMIT} bytes; only after it do frames carry the core's messages, up
 * to {@code NettyTransportOptions.maxFrameBytes}, which the worker learns from its launch ticket.
 * <pre>
 * pool → worker  CHALLENGE  "PPNETTY" (7) | version (1) | pool nonce (32)                 40 bytes
 * worker → pool  PROOF      worker nonce (32) | worker MAC (32) | worker name (UTF-8)   65..512 bytes
 * pool → worker  WELCOME    pool MAC (32)                                                  32 bytes
 *
 * worker MAC = HMAC-SHA256(secret, "procpool worker" | 0x00 | pool nonce | worker nonce | name)
 * pool MAC   = HMAC-SHA256(secret, "procpool pool"   | 0x00 | pool nonce | worker nonce | name)
 * </pre>
 * The secret ({@value #SECRET_BYTES} bytes) travels in the launch ticket, never on the socket.
 */
final class NettyWireFormat {
  static final int LENGTH_BYTES = 4;
  static final ByteOrder BYTE_ORDER = ByteOrder.BIG_ENDIAN;

  static final byte VERSION = 1;
  /** What a CHALLENGE starts with: the magic, then the version. */
  static final int PREAMBLE_BYTES = 8;
  static final int NONCE_BYTES = 32;
  static final int MAC_BYTES = 32;
  static final int SECRET_BYTES = 32;
  static final String MAC_ALGORITHM = "HmacSHA256";
  static final String WORKER_MAC_LABEL = "procpool worker";
  static final String POOL_MAC_LABEL = "procpool pool";

  /** No handshake message is longer; an unproven peer can make a reader buffer this much at most. */
  static final int HANDSHAKE_FRAME_LIMIT = 512;
  static final int CHALLENGE_BYTES = PREAMBLE_BYTES + NONCE_BYTES;
  static final int MAX_WORKER_NAME_BYTES = HANDSHAKE_FRAME_LIMIT - NONCE_BYTES - MAC_BYTES;
  static final int WELCOME_BYTES = MAC_BYTES;

  /** The smallest configurable frame limit: room for the handshake and a small task; less is a typo. */
  static final int SMALLEST_FRAME_LIMIT = 1024;
  /** The largest: a frame and its length together stay within an int, and a byte array can hold it. */
  static final int LARGEST_FRAME_LIMIT = Integer.MAX_VALUE - 8;

  private static final byte[] MAGIC = "PPNETTY".getBytes(StandardCharsets.US_ASCII);

  private NettyWireFormat() {}

  /** The magic and the version: a new array each time, so that no caller can change the format. */
  static byte[] preamble() {
    return ByteBuffer.allocate(PREAMBLE_BYTES).put(MAGIC).put(VERSION).array();
  }

  /** The length prefix of a frame of {@code payloadLength} bytes, ready to be written. */
  static ByteBuffer header(int payloadLength) {
    return ByteBuffer.allocate(LENGTH_BYTES).order(BYTE_ORDER).putInt(0, payloadLength);
  }

  /** The payload length a frame's header announces, which a reader then checks against its limit. */
  static long announcedLength(byte[] header) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(header, 0, LENGTH_BYTES).order(BYTE_ORDER).getInt());
  }

  /**
   * The largest frame a reader accepts at one stage of a connection, and where that limit comes
   * from, for the message that closes a connection over it.
   */
  record FrameLimit(int bytes, String source) {
    /** Before the peer has proven it knows the pool's secret. */
    static final FrameLimit HANDSHAKE = new FrameLimit(HANDSHAKE_FRAME_LIMIT,
        "that a connection may send before it has proven it knows the pool's secret");

    /** After the handshake, as the pool was configured. */
    static FrameLimit configured(int maxFrameBytes) {
      return new FrameLimit(maxFrameBytes, "(NettyTransportOptions.maxFrameBytes)");
    }

    /**
     * Returns {@code announced} if it is within this limit, or throws what {@code failure} makes
     * of a message that goes after the peer's name: "announced a frame of ... bytes, over ...".
     */
    <E extends Exception> int check(long announced, Function<String, E> failure) throws E {
      if (announced > bytes) {
        throw failure.apply("announced a frame of " + announced + " bytes, over the limit of " + bytes
            + " bytes " + source);
      }
      return (int) announced;
    }
  }
}
