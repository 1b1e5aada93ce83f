package io.procpool.transport.netty;

import static io.procpool.transport.netty.NettyWireFormat.CHALLENGE_BYTES;
import static io.procpool.transport.netty.NettyWireFormat.MAC_ALGORITHM;
import static io.procpool.transport.netty.NettyWireFormat.MAC_BYTES;
import static io.procpool.transport.netty.NettyWireFormat.MAX_WORKER_NAME_BYTES;
import static io.procpool.transport.netty.NettyWireFormat.NONCE_BYTES;
import static io.procpool.transport.netty.NettyWireFormat.POOL_MAC_LABEL;
import static io.procpool.transport.netty.NettyWireFormat.PREAMBLE_BYTES;
import static io.procpool.transport.netty.NettyWireFormat.SECRET_BYTES;
import static io.procpool.transport.netty.NettyWireFormat.WELCOME_BYTES;
import static io.procpool.transport.netty.NettyWireFormat.WORKER_MAC_LABEL;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three messages that open every connection, before any frame reaches the core; each is one
 * frame, laid out as {@link NettyWireFormat} draws them. As in Python's
 * {@code multiprocessing.connection}, a peer proves it knows the pool's secret by a MAC over fresh
 * random challenges, so the secret itself never travels, and a recorded handshake cannot be
 * replayed. Both sides prove it (mutual): the pool challenges, the worker answers with its PROOF,
 * the pool answers with its WELCOME.
 *
 * <p>The different labels under the two MACs keep a worker's proof from being reflected back as
 * the pool's; the name under the MAC is what tells the pool which worker is calling.
 */
final class Handshake {
  private static final byte[] PREAMBLE = NettyWireFormat.preamble();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a worker sends to prove itself. */
  record Proof(byte[] workerNonce, byte[] mac, String workerName) {}

  private Handshake() {}

  /**
   * Loads the MAC's provider now, so that the first real MAC is quick: a worker calls this
   * before it connects, as the pool's deadline starts at the connection, and a cold JVM on a
   * busy machine can take a second to load a security provider.
   */
  static void prepare() {
    mac(new byte[SECRET_BYTES], "warm-up", new byte[NONCE_BYTES], new byte[NONCE_BYTES], "");
  }

  static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static byte[] challenge(byte[] poolNonce) {
    return concat(PREAMBLE, poolNonce);
  }

  /** The pool's nonce from a CHALLENGE. */
  static byte[] readChallenge(byte[] frame) throws HandshakeException {
    if (frame.length != CHALLENGE_BYTES || !Arrays.equals(frame, 0, PREAMBLE_BYTES, PREAMBLE, 0, PREAMBLE_BYTES)) {
      throw new HandshakeException("the pool's first message is not a procpool netty challenge"
          + " (version " + NettyWireFormat.VERSION + "): is something else listening there?");
    }
    return Arrays.copyOfRange(frame, PREAMBLE_BYTES, frame.length);
  }

  static byte[] proof(byte[] workerNonce, byte[] mac, String workerName) {
    byte[] name = workerName.getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_WORKER_NAME_BYTES) {
      throw new IllegalArgumentException("worker name longer than " + MAX_WORKER_NAME_BYTES + " bytes: " + workerName);
    }
    return concat(workerNonce, mac, name);
  }

  static Proof readProof(byte[] frame) throws HandshakeException {
    if (frame.length < NONCE_BYTES + MAC_BYTES + 1) {
      throw new HandshakeException("its proof is " + frame.length + " bytes, too short to hold a"
          + " nonce, a MAC and a worker name");
    }
    return new Proof(Arrays.copyOfRange(frame, 0, NONCE_BYTES),
        Arrays.copyOfRange(frame, NONCE_BYTES, NONCE_BYTES + MAC_BYTES),
        new String(frame, NONCE_BYTES + MAC_BYTES, frame.length - NONCE_BYTES - MAC_BYTES, StandardCharsets.UTF_8));
  }

  static byte[] welcome(byte[] poolMac) {
    return poolMac.clone();
  }

  /** The pool's MAC from a WELCOME. */
  static byte[] readWelcome(byte[] frame) throws HandshakeException {
    if (frame.length != WELCOME_BYTES) {
      throw new HandshakeException("the pool's welcome is " + frame.length + " bytes where "
          + WELCOME_BYTES + " were expected");
    }
    return frame.clone();
  }

  static byte[] workerMac(byte[] secret, byte[] poolNonce, byte[] workerNonce, String workerName) {
    return mac(secret, WORKER_MAC_LABEL, poolNonce, workerNonce, workerName);
  }

  static byte[] poolMac(byte[] secret, byte[] poolNonce, byte[] workerNonce, String workerName) {
    return mac(secret, POOL_MAC_LABEL, poolNonce, workerNonce, workerName);
  }

  /** Compares in constant time, so that timing tells an attacker nothing about the right MAC. */
  static boolean sameMac(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] mac(byte[] secret, String label, byte[] poolNonce, byte[] workerNonce, String workerName) {
    try {
      Mac hmac = Mac.getInstance(MAC_ALGORITHM);
      hmac.init(new SecretKeySpec(secret, MAC_ALGORITHM));
      hmac.update(label.getBytes(StandardCharsets.US_ASCII));
      hmac.update((byte) 0);
      hmac.update(poolNonce);
      hmac.update(workerNonce);
      hmac.update(workerName.getBytes(StandardCharsets.UTF_8));
      return hmac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(MAC_ALGORITHM + " is missing from this JVM, which every Java has", e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer joined = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
    for (byte[] part : parts) {
      joined.put(part);
    }
    return joined.array();
  }

  /** A handshake message that is malformed or fails its check; the message says which and why. */
  static final class HandshakeException extends java.io.IOException {
    HandshakeException(String message) {
      super(message);
    }
  }
}
