package io.procpool.transport.netty;

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
 * length-prefixed frame. As in Python's {@code multiprocessing.connection}, a peer proves it
 * knows the pool's secret by a MAC over fresh random challenges, so the secret itself never
 * travels, and a recorded handshake cannot be replayed. Both sides prove it (mutual).
 *
 * <pre>
 * pool   → worker  CHALLENGE  magic "PPNETTY" and version (8 bytes), pool nonce (32)
 * worker → pool    PROOF      worker nonce (32), worker MAC (32), worker name (UTF-8, the rest)
 * pool   → worker  WELCOME    pool MAC (32)
 *
 * worker MAC = HMAC-SHA256(secret, "procpool worker" 0x00 pool nonce, worker nonce, name)
 * pool MAC   = HMAC-SHA256(secret, "procpool pool"   0x00 pool nonce, worker nonce, name)
 * </pre>
 *
 * The different labels keep a worker's proof from being reflected back as the pool's; the name
 * under the MAC is what tells the pool which worker is calling.
 */
final class Handshake {
  /** No handshake message is longer; an unproven peer can make us buffer this much at most. */
  static final int MAX_FRAME_BYTES = 512;
  static final int NONCE_BYTES = 32;
  static final int MAC_BYTES = 32;
  static final int SECRET_BYTES = 32;
  private static final byte[] MAGIC = {'P', 'P', 'N', 'E', 'T', 'T', 'Y', 1};
  private static final int MAX_NAME_BYTES = MAX_FRAME_BYTES - NONCE_BYTES - MAC_BYTES;
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
    return concat(MAGIC, poolNonce);
  }

  /** The pool's nonce from a CHALLENGE. */
  static byte[] readChallenge(byte[] frame) throws HandshakeException {
    if (frame.length != MAGIC.length + NONCE_BYTES
        || !Arrays.equals(frame, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new HandshakeException("the pool's first message is not a procpool netty challenge"
          + " (version " + MAGIC[MAGIC.length - 1] + "): is something else listening there?");
    }
    return Arrays.copyOfRange(frame, MAGIC.length, frame.length);
  }

  static byte[] proof(byte[] workerNonce, byte[] mac, String workerName) {
    byte[] name = workerName.getBytes(StandardCharsets.UTF_8);
    if (name.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("worker name longer than " + MAX_NAME_BYTES + " bytes: " + workerName);
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
    if (frame.length != MAC_BYTES) {
      throw new HandshakeException("the pool's welcome is " + frame.length + " bytes where "
          + MAC_BYTES + " were expected");
    }
    return frame.clone();
  }

  static byte[] workerMac(byte[] secret, byte[] poolNonce, byte[] workerNonce, String workerName) {
    return mac(secret, "procpool worker", poolNonce, workerNonce, workerName);
  }

  static byte[] poolMac(byte[] secret, byte[] poolNonce, byte[] workerNonce, String workerName) {
    return mac(secret, "procpool pool", poolNonce, workerNonce, workerName);
  }

  /** Compares in constant time, so that timing tells an attacker nothing about the right MAC. */
  static boolean sameMac(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] mac(byte[] secret, String label, byte[] poolNonce, byte[] workerNonce, String workerName) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
      hmac.update(label.getBytes(StandardCharsets.US_ASCII));
      hmac.update((byte) 0);
      hmac.update(poolNonce);
      hmac.update(workerNonce);
      hmac.update(workerName.getBytes(StandardCharsets.UTF_8));
      return hmac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM, which every Java has", e);
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
