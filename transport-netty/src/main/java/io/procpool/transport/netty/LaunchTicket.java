package io.procpool.transport.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the pool tells a worker through the worker's standard input right after launch: its
 * name, where to connect, the pool's secret, and the limits. Standard input rather than the
 * command line, because any user on the machine can read command lines ({@code ps}).
 *
 * <p>Text, one {@code key=value} per line under a header line, so that it can be read by eye
 * when something goes wrong; the pool closes the stream after it. A {@code tlsPin} line, when the
 * pool listens with TLS, names the one certificate the worker accepts from it.
 */
record LaunchTicket(String workerName, String address, byte[] secret, int maxFrameBytes, Duration authDeadline,
                    String tlsPin) {
  private static final String HEADER = "procpool-netty-ticket 1";
  private static final int MAX_BYTES = 8192;

  /** A ticket for a connection without TLS. */
  LaunchTicket(String workerName, String address, byte[] secret, int maxFrameBytes, Duration authDeadline) {
    this(workerName, address, secret, maxFrameBytes, authDeadline, null);
  }

  void writeTo(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    line(text, "worker", workerName);
    line(text, "address", address);
    line(text, "secret", Base64.getEncoder().encodeToString(secret));
    line(text, "maxFrameBytes", Integer.toString(maxFrameBytes));
    line(text, "authDeadlineMillis", Long.toString(authDeadline.toMillis()));
    if (tlsPin != null) {
      line(text, "tlsPin", tlsPin);
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void line(StringBuilder text, String key, String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the launch ticket's " + key + " must not contain a line break: " + value);
    }
    text.append(key).append('=').append(value).append('\n');
  }

  /** Reads the ticket up to the end of the stream, which the pool closes after writing it. */
  static LaunchTicket readFrom(InputStream in) throws IOException {
    String[] lines = readToEnd(in).split("\n");
    if (!lines[0].equals(HEADER)) {
      throw new IOException("standard input does not start with a procpool netty launch ticket ('"
          + HEADER + "'); this worker must be started by a pool that uses the netty transport");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int equals = lines[i].indexOf('=');
      if (equals > 0) {
        values.put(lines[i].substring(0, equals), lines[i].substring(equals + 1));
      }
    }
    return new LaunchTicket(required(values, "worker"), required(values, "address"),
        Base64.getDecoder().decode(required(values, "secret")),
        Integer.parseInt(required(values, "maxFrameBytes")),
        Duration.ofMillis(Long.parseLong(required(values, "authDeadlineMillis"))), values.get("tlsPin"));
  }

  /**
   * A plain read loop: JDK 17's {@code FileInputStream.readNBytes} tries to seek, which fails on
   * the pipe that standard input is.
   */
  private static String readToEnd(InputStream in) throws IOException {
    byte[] buffer = new byte[MAX_BYTES + 1];
    int filled = 0;
    for (int n; filled < buffer.length && (n = in.read(buffer, filled, buffer.length - filled)) > 0; ) {
      filled += n;
    }
    if (filled > MAX_BYTES) {
      throw new IOException("the launch ticket on standard input is longer than " + MAX_BYTES + " bytes");
    }
    return new String(buffer, 0, filled, StandardCharsets.UTF_8);
  }

  private static String required(Map<String, String> values, String key) throws IOException {
    String value = values.get(key);
    if (value == null) {
      throw new IOException("the launch ticket on standard input has no '" + key + "' line");
    }
    return value;
  }

  @Override
  public String toString() {
    return "LaunchTicket[worker=" + workerName + ", address=" + address + ", secret=(hidden)"
        + (tlsPin == null ? "" : ", tlsPin=" + tlsPin) + "]";
  }
}
