package io.procpool.cluster.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key every pool and agent of one cluster shares: requests are sealed with it, and an agent
 * starts nothing for a message it did not open. It is read from a file only its owner can read,
 * never from a command line or the environment, which other users of a machine can see.
 *
 * <p>The file holds 32 random bytes in Base64 on one line ({@link #generate}). The key itself is
 * never used directly: the sealing key is derived from it (HMAC-SHA256 of a fixed label), so that a
 * later use of the same file for something else cannot be turned against this one.
 */
public final class ClusterKey {
  static final int KEY_BYTES = 32;
  private static final Set<PosixFilePermission> TOO_OPEN = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final byte[] sealingKey;
  private final String fingerprint;

  private ClusterKey(byte[] secret) {
    this.sealingKey = derive(secret, "procpool cluster sealing key v1");
    this.fingerprint = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(derive(secret, "procpool cluster key fingerprint v1")).substring(0, 12);
  }

  /**
   * Reads the key from {@code file}.
   *
   * @throws IOException if the file cannot be read, is readable by others than its owner, or does
   *     not hold a key; the message names the file and what is wrong with it
   */
  public static ClusterKey readFrom(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("the cluster key file " + file + " does not exist or is not a file;"
          + " create one with: java -cp ... io.procpool.cluster.ClusterAgent --new-key " + file);
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
      throw new IOException("the cluster key file " + file + " can be read or written by others than its owner ("
          + PosixFilePermissions.toString(permissions) + "); make it private: chmod 600 " + file);
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IOException("the cluster key file " + file + " does not hold a Base64 key", e);
    }
    if (secret.length < KEY_BYTES) {
      throw new IOException("the cluster key in " + file + " has " + secret.length + " bytes; it needs "
          + KEY_BYTES + " (create a new one with --new-key)");
    }
    return new ClusterKey(secret);
  }

  /**
   * Writes a new random key to {@code file}, readable only by its owner.
   *
   * @throws IOException if the file exists or cannot be written
   */
  public static void generate(Path file) throws IOException {
    byte[] secret = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(secret);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
  }

  /** The key requests are sealed with (AES-256). */
  SecretKeySpec sealingKey() {
    return new SecretKeySpec(sealingKey, "AES");
  }

  /** A short name of the key that reveals nothing of it, for logs: which key a peer used is not known, only ours. */
  public String fingerprint() {
    return fingerprint;
  }

  private static byte[] derive(byte[] secret, String label) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return hmac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ClusterKey[" + fingerprint + "]";
  }
}
