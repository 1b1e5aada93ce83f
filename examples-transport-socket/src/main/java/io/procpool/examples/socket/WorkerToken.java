package io.procpool.examples.socket;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret one worker proves itself with: random bytes the pool writes to that worker's
 * standard input (which only the worker reads) and the worker sends first on its socket. It
 * travels on the socket itself, which is enough here: the socket is local and in a directory only
 * this user may enter. (A transport on TCP should prove a secret without sending it, as Netty's
 * HMAC handshake does.)
 */
final class WorkerToken {
  static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] bytes;

  private WorkerToken(byte[] bytes) {
    this.bytes = bytes;
  }

  static WorkerToken random() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return new WorkerToken(bytes);
  }

  /** From its line on standard input. */
  static WorkerToken parse(String hex) {
    return new WorkerToken(HexFormat.of().parseHex(hex));
  }

  /** As a line on standard input. */
  String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /** Compares in constant time: how long it takes tells nothing about the token. */
  boolean matches(byte[] presented) {
    return MessageDigest.isEqual(bytes, presented);
  }
}
