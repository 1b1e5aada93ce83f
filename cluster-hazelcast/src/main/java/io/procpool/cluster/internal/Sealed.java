package io.procpool.cluster.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A message between a pool and an agent, sealed with the {@link ClusterKey}: AES-256-GCM, which
 * authenticates the whole message (as an HMAC would) and also hides its body, since a launch
 * request carries the pool's per-pool secret and Hazelcast's open-source edition encrypts nothing.
 *
 * <p>Layout: a fixed 57-byte header (magic, kind, recipient, sender, timestamp, the 12-byte GCM
 * nonce), authenticated as associated data, then the encrypted body and its tag. {@link #open}
 * reads only fixed offsets before the tag has been checked; nothing of the body is decoded before.
 * After it, the recipient must be the one opening it (a request for one agent replayed to another
 * is refused), the timestamp within {@link #WINDOW} of now, and the nonce not seen before.
 */
public final class Sealed {
  /** How far a message's timestamp may be from the receiver's clock; replays are remembered as long. */
  public static final Duration WINDOW = Duration.ofSeconds(30);
  private static final int MAGIC = 0x50504331; // "PPC1"
  private static final int NONCE_BYTES = 12;
  private static final int HEADER_BYTES = 4 + 1 + 16 + 16 + 8 + NONCE_BYTES;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a message asks or tells. */
  public enum Kind {
    LAUNCH, KILL, STARTED, EXITED;

    static Kind of(byte code) throws SealedMessageException {
      if (code < 0 || code >= values().length) {
        throw new SealedMessageException("unknown message kind " + code);
      }
      return values()[code];
    }
  }

  /** A message opened: who sent it, of which kind, and its body's bytes. */
  public record Opened(Kind kind, UUID sender, byte[] body) {}

  private final ClusterKey key;
  private final Clock clock;
  private final ReplayGuard seen;

  public Sealed(ClusterKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
    this.seen = new ReplayGuard(WINDOW.multipliedBy(2), clock);
  }

  /** {@return the fingerprint of the key this seals with, for messages} */
  public String keyFingerprint() {
    return key.fingerprint();
  }

  /** Seals {@code body} for {@code recipient}. */
  public byte[] seal(Kind kind, UUID sender, UUID recipient, byte[] body) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).put((byte) kind.ordinal());
    putUuid(header, recipient);
    putUuid(header, sender);
    header.putLong(clock.millis()).put(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
      cipher.updateAAD(header.array());
      byte[] sealed = cipher.doFinal(body);
      return ByteBuffer.allocate(HEADER_BYTES + sealed.length).put(header.array()).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal a message", e);
    }
  }

  /**
   * Opens a message meant for {@code me}.
   *
   * @throws SealedMessageException if it is not one of ours, was not sealed with our key, was for
   *     someone else, is too old or too new, or was seen before; the message says which
   */
  public Opened open(byte[] message, UUID me) throws SealedMessageException {
    if (message == null || message.length < HEADER_BYTES + TAG_BITS / 8) {
      throw new SealedMessageException("too short to be a sealed message ("
          + (message == null ? 0 : message.length) + " bytes)");
    }
    ByteBuffer header = ByteBuffer.wrap(message, 0, HEADER_BYTES);
    if (header.getInt() != MAGIC) {
      throw new SealedMessageException("not a procpool cluster message (bad magic)");
    }
    byte kindCode = header.get();
    UUID recipient = getUuid(header);
    UUID sender = getUuid(header);
    long timestamp = header.getLong();
    byte[] nonce = Arrays.copyOfRange(message, HEADER_BYTES - NONCE_BYTES, HEADER_BYTES);
    byte[] body;
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce);
      cipher.updateAAD(message, 0, HEADER_BYTES);
      body = cipher.doFinal(message, HEADER_BYTES, message.length - HEADER_BYTES);
    } catch (AEADBadTagException e) {
      throw new SealedMessageException("not sealed with this cluster's key (" + key.fingerprint()
          + "), or altered on the way");
    } catch (GeneralSecurityException e) {
      throw new SealedMessageException("cannot be opened: " + e);
    }
    if (!recipient.equals(me)) {
      throw new SealedMessageException("sealed for " + recipient + ", not for " + me + " (a copy sent elsewhere)");
    }
    long skew = Math.abs(clock.millis() - timestamp);
    if (skew > WINDOW.toMillis()) {
      throw new SealedMessageException("its timestamp is " + skew + " ms from this machine's clock, more than "
          + WINDOW.toMillis() + " ms (an old message replayed, or clocks out of step)");
    }
    if (!seen.firstTime(nonce)) {
      throw new SealedMessageException("seen before (a replay)");
    }
    return new Opened(Kind.of(kindCode), sender, body);
  }

  private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key.sealingKey(), new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }

  private static void putUuid(ByteBuffer buffer, UUID uuid) {
    buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
  }

  private static UUID getUuid(ByteBuffer buffer) {
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
