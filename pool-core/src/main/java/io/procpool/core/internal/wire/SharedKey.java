package io.procpool.core.internal.wire;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The name of a shared value: the SHA-256 of its bytes. Equal bytes have equal keys, so a value
 * captured again (by another call, or another lambda) is known to a worker that already holds it.
 */
public final class SharedKey {
  /** The bytes of a key on the wire. */
  public static final int BYTES = 32;

  private final byte[] digest;
  private final int hash;

  private SharedKey(byte[] digest) {
    this.digest = digest;
    this.hash = Arrays.hashCode(digest);
  }

  /** The key of {@code value}'s bytes. */
  public static SharedKey of(byte[] value) {
    try {
      return new SharedKey(MessageDigest.getInstance("SHA-256").digest(value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The key whose digest is {@code digest}, as read from the wire. */
  public static SharedKey fromDigest(byte[] digest) {
    if (digest.length != BYTES) {
      throw new IllegalArgumentException("a shared value's key has " + BYTES + " bytes, not " + digest.length);
    }
    return new SharedKey(digest.clone());
  }

  /** Its digest, to write. */
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SharedKey key && hash == key.hash && Arrays.equals(digest, key.digest);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The first bytes of its digest in hex, as git shortens commits. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(digest, 0, 6);
  }
}
