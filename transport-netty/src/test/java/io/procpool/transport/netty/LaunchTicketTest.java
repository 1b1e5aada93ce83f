package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LaunchTicketTest {
  private final LaunchTicket ticket = new LaunchTicket("PoolWorker-3", "unix:/tmp/procpool-netty-1/pool.sock",
      Handshake.randomBytes(32), 4096, Duration.ofMillis(1500));

  @Test
  void roundTripsThroughAStream() throws Exception {
    LaunchTicket read = LaunchTicket.readFrom(new ByteArrayInputStream(write(ticket)));
    assertEquals(ticket.workerName(), read.workerName());
    assertEquals(ticket.address(), read.address());
    assertArrayEquals(ticket.secret(), read.secret());
    assertEquals(ticket.maxFrameBytes(), read.maxFrameBytes());
    assertEquals(ticket.authDeadline(), read.authDeadline());
  }

  @Test
  void somethingElseOnStdinIsRefusedNamingWhatWasExpected() {
    IOException error = assertThrows(IOException.class,
        () -> LaunchTicket.readFrom(new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8))));
    assertTrue(error.getMessage().contains("procpool netty launch ticket"), error.getMessage());
  }

  @Test
  void aMissingLineIsNamed() {
    byte[] noSecret = new String(write(ticket), StandardCharsets.UTF_8).replaceAll("secret=.*\n", "")
        .getBytes(StandardCharsets.UTF_8);
    IOException error = assertThrows(IOException.class, () -> LaunchTicket.readFrom(new ByteArrayInputStream(noSecret)));
    assertTrue(error.getMessage().contains("'secret'"), error.getMessage());
  }

  @Test
  void toStringHidesTheSecret() {
    assertFalse(ticket.toString().contains(Base64.getEncoder().encodeToString(ticket.secret())), ticket.toString());
  }

  private static byte[] write(LaunchTicket ticket) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ticket.writeTo(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }
}
