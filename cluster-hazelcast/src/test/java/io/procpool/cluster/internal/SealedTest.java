package io.procpool.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedTest {
  @TempDir
  Path directory;

  private final UUID pool = UUID.randomUUID();
  private final UUID agent = UUID.randomUUID();
  private final byte[] body = "launch PoolWorker-1".getBytes(StandardCharsets.UTF_8);

  private ClusterKey newKey(String name) throws IOException {
    Path file = directory.resolve(name);
    ClusterKey.generate(file);
    return ClusterKey.readFrom(file);
  }

  @Test
  void aMessageSealedWithTheClusterKeyOpensForItsRecipientOnceWithItsKindSenderAndBody() throws Exception {
    ClusterKey key = newKey("k");
    byte[] message = new Sealed(key, Clock.systemUTC()).seal(Sealed.Kind.LAUNCH, pool, agent, body);
    Sealed.Opened opened = new Sealed(key, Clock.systemUTC()).open(message, agent);
    assertEquals(Sealed.Kind.LAUNCH, opened.kind());
    assertEquals(pool, opened.sender());
    assertArrayEquals(body, opened.body());
    assertTrue(new String(message, StandardCharsets.ISO_8859_1).indexOf("PoolWorker") < 0, "the body is not readable on the way");
  }

  @Test
  void aMessageSealedWithAnotherKeyIsRefused() throws Exception {
    byte[] message = new Sealed(newKey("theirs"), Clock.systemUTC()).seal(Sealed.Kind.LAUNCH, pool, agent, body);
    SealedMessageException refused = assertThrows(SealedMessageException.class,
        () -> new Sealed(newKey("ours"), Clock.systemUTC()).open(message, agent));
    assertTrue(refused.getMessage().startsWith("not sealed with this cluster's key"), refused.getMessage());
  }

  @Test
  void anAlteredByteAnywhereIsRefused() throws Exception {
    ClusterKey key = newKey("k");
    byte[] message = new Sealed(key, Clock.systemUTC()).seal(Sealed.Kind.LAUNCH, pool, agent, body);
    for (int i = 4; i < message.length; i++) { // past the magic, which is refused on its own
      byte[] altered = message.clone();
      altered[i] ^= 1;
      assertThrows(SealedMessageException.class, () -> new Sealed(key, Clock.systemUTC()).open(altered, agent),
          "byte " + i + " altered");
    }
  }

  @Test
  void unsignedBytesAreRefusedAsNotOurs() throws Exception {
    Sealed sealed = new Sealed(newKey("k"), Clock.systemUTC());
    assertTrue(assertThrows(SealedMessageException.class, () -> sealed.open(new byte[10], agent))
        .getMessage().startsWith("too short"));
    assertTrue(assertThrows(SealedMessageException.class, () -> sealed.open(new byte[200], agent))
        .getMessage().contains("bad magic"));
  }

  @Test
  void aReplayIsRefusedTheSecondTime() throws Exception {
    ClusterKey key = newKey("k");
    byte[] message = new Sealed(key, Clock.systemUTC()).seal(Sealed.Kind.KILL, pool, agent, body);
    Sealed receiver = new Sealed(key, Clock.systemUTC());
    receiver.open(message, agent);
    assertEquals("seen before (a replay)", assertThrows(SealedMessageException.class,
        () -> receiver.open(message, agent)).getMessage());
  }

  @Test
  void aMessageForAnotherAgentIsRefused() throws Exception {
    ClusterKey key = newKey("k");
    byte[] message = new Sealed(key, Clock.systemUTC()).seal(Sealed.Kind.LAUNCH, pool, agent, body);
    UUID other = UUID.randomUUID();
    assertTrue(assertThrows(SealedMessageException.class, () -> new Sealed(key, Clock.systemUTC()).open(message, other))
        .getMessage().contains("not for " + other));
  }

  @Test
  void aMessageOlderOrNewerThanTheWindowIsRefused() throws Exception {
    ClusterKey key = newKey("k");
    Instant now = Instant.now();
    Clock then = Clock.fixed(now.minus(Sealed.WINDOW).minusSeconds(1), ZoneOffset.UTC);
    Clock later = Clock.fixed(now.plus(Sealed.WINDOW).plusSeconds(1), ZoneOffset.UTC);
    for (Clock sender : new Clock[] {then, later}) {
      byte[] message = new Sealed(key, sender).seal(Sealed.Kind.LAUNCH, pool, agent, body);
      assertTrue(assertThrows(SealedMessageException.class, () -> new Sealed(key, Clock.fixed(now, ZoneOffset.UTC))
          .open(message, agent)).getMessage().contains("from this machine's clock"));
    }
    byte[] justInside = new Sealed(key, Clock.fixed(now.minus(Sealed.WINDOW.minus(Duration.ofSeconds(1))), ZoneOffset.UTC))
        .seal(Sealed.Kind.LAUNCH, pool, agent, body);
    new Sealed(key, Clock.fixed(now, ZoneOffset.UTC)).open(justInside, agent);
  }

  @Test
  void aKeyFileOthersCanReadIsRefusedAndSaysHowToFixIt() throws Exception {
    Path file = directory.resolve("open.key");
    ClusterKey.generate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    IOException refused = assertThrows(IOException.class, () -> ClusterKey.readFrom(file));
    assertTrue(refused.getMessage().contains("chmod 600 " + file), refused.getMessage());
  }

  @Test
  void aMissingOrShortKeyFileIsRefusedWithItsName() throws Exception {
    Path missing = directory.resolve("missing.key");
    assertTrue(assertThrows(IOException.class, () -> ClusterKey.readFrom(missing)).getMessage()
        .contains(missing + " does not exist"));
    Path shortKey = directory.resolve("short.key");
    Files.createFile(shortKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(shortKey, "AAAA\n");
    assertTrue(assertThrows(IOException.class, () -> ClusterKey.readFrom(shortKey)).getMessage()
        .contains("has 3 bytes; it needs 32"));
  }
}
