package io.procpool.transport.netty.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings (ITU-T X.690) that {@link TlsIdentity}'s one self-signed certificate is
 * made of: each method returns one whole element, tag and length included.
 */
final class Der {
  private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private Der() {}

  static byte[] sequence(byte[]... elements) {
    return element(0x30, concat(elements));
  }

  static byte[] set(byte[]... elements) {
    return element(0x31, concat(elements));
  }

  /** A context-specific, constructed, explicit tag {@code [number]} around one element. */
  static byte[] explicit(int number, byte[] element) {
    return element(0xa0 | number, element);
  }

  static byte[] integer(BigInteger value) {
    return element(0x02, value.toByteArray());
  }

  static byte[] utf8(String text) {
    return element(0x0c, text.getBytes(StandardCharsets.UTF_8));
  }

  /** UTCTime, which X.509 requires for dates before 2050. */
  static byte[] utcTime(Instant time) {
    return element(0x17, UTC_TIME.format(time).getBytes(StandardCharsets.US_ASCII));
  }

  /** A bit string of whole bytes: no unused bits. */
  static byte[] bitString(byte[] bytes) {
    return element(0x03, concat(new byte[] {0}, bytes));
  }

  /** An object identifier in dotted form, such as {@code 2.5.4.3}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      base128(out, Long.parseLong(arcs[i]));
    }
    return element(0x06, out.toByteArray());
  }

  private static void base128(ByteArrayOutputStream out, long value) {
    int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
    for (int group = groups - 1; group >= 0; group--) {
      int bits = (int) (value >>> (7 * group)) & 0x7f;
      out.write(group == 0 ? bits : bits | 0x80);
    }
  }

  private static byte[] element(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
