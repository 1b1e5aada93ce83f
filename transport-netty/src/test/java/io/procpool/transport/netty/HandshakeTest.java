package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.transport.netty.Handshake.HandshakeException;
import io.procpool.transport.netty.Handshake.Proof;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private final byte[] secret = Handshake.randomBytes(NettyWireFormat.SECRET_BYTES);
  private final byte[] poolNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
  private final byte[] workerNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);

  @Test
  void challengeRoundTripsItsNonce() throws Exception {
    assertArrayEquals(poolNonce, Handshake.readChallenge(Handshake.challenge(poolNonce)));
  }

  @Test
  void challengeIsTheMagicTheVersionAndTheNonce() {
    byte[] challenge = Handshake.challenge(poolNonce);
    assertEquals(NettyWireFormat.CHALLENGE_BYTES, challenge.length);
    assertArrayEquals("PPNETTY\u0001".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(challenge, 8));
    assertArrayEquals(poolNonce, Arrays.copyOfRange(challenge, 8, challenge.length));
  }

  @Test
  void challengeOfAnotherProtocolIsRefusedSayingSo() {
    byte[] http = "HTTP/1.1 200 OK\r\n\r\n.......................".getBytes(StandardCharsets.US_ASCII);
    HandshakeException error = assertThrows(HandshakeException.class, () -> Handshake.readChallenge(http));
    assertTrue(error.getMessage().contains("not a procpool netty challenge"), error.getMessage());
  }

  @Test
  void proofRoundTripsNonceMacAndName() throws Exception {
    byte[] mac = Handshake.workerMac(secret, poolNonce, workerNonce, "PoolWorker-7");
    Proof proof = Handshake.readProof(Handshake.proof(workerNonce, mac, "PoolWorker-7"));
    assertArrayEquals(workerNonce, proof.workerNonce());
    assertArrayEquals(mac, proof.mac());
    assertEquals("PoolWorker-7", proof.workerName());
  }

  @Test
  void proofTooShortForAName() {
    HandshakeException error = assertThrows(HandshakeException.class, () -> Handshake.readProof(new byte[64]));
    assertTrue(error.getMessage().contains("too short"), error.getMessage());
  }

  @Test
  void welcomeRoundTripsAndMustBeAMacLong() throws Exception {
    byte[] mac = Handshake.poolMac(secret, poolNonce, workerNonce, "PoolWorker-1");
    assertArrayEquals(mac, Handshake.readWelcome(Handshake.welcome(mac)));
    assertThrows(HandshakeException.class, () -> Handshake.readWelcome(new byte[5]));
  }

  @Test
  void everyHandshakeMessageFitsTheHandshakeFrameLimit() {
    String longestName = "w".repeat(NettyWireFormat.HANDSHAKE_FRAME_LIMIT - 2 * NettyWireFormat.NONCE_BYTES);
    assertTrue(Handshake.proof(workerNonce, new byte[NettyWireFormat.MAC_BYTES], longestName).length <= NettyWireFormat.HANDSHAKE_FRAME_LIMIT);
    assertTrue(Handshake.challenge(poolNonce).length <= NettyWireFormat.HANDSHAKE_FRAME_LIMIT);
    assertTrue(Handshake.welcome(new byte[NettyWireFormat.MAC_BYTES]).length <= NettyWireFormat.HANDSHAKE_FRAME_LIMIT);
    assertThrows(IllegalArgumentException.class,
        () -> Handshake.proof(workerNonce, new byte[NettyWireFormat.MAC_BYTES], longestName + "w"));
  }

  @Test
  void macDependsOnSecretNoncesAndName() {
    byte[] mac = Handshake.workerMac(secret, poolNonce, workerNonce, "PoolWorker-1");
    assertTrue(Handshake.sameMac(mac, Handshake.workerMac(secret.clone(), poolNonce.clone(), workerNonce.clone(), "PoolWorker-1")));
    assertFalse(Handshake.sameMac(mac, Handshake.workerMac(Handshake.randomBytes(32), poolNonce, workerNonce, "PoolWorker-1")));
    assertFalse(Handshake.sameMac(mac, Handshake.workerMac(secret, Handshake.randomBytes(32), workerNonce, "PoolWorker-1")));
    assertFalse(Handshake.sameMac(mac, Handshake.workerMac(secret, poolNonce, Handshake.randomBytes(32), "PoolWorker-1")));
    assertFalse(Handshake.sameMac(mac, Handshake.workerMac(secret, poolNonce, workerNonce, "PoolWorker-2")));
  }

  @Test
  void workerProofCannotBeReflectedAsThePoolsWelcome() {
    byte[] workerMac = Handshake.workerMac(secret, poolNonce, workerNonce, "PoolWorker-1");
    assertFalse(Handshake.sameMac(Handshake.poolMac(secret, poolNonce, workerNonce, "PoolWorker-1"), workerMac));
  }

  @Test
  void noncesAreFresh() {
    assertFalse(Arrays.equals(Handshake.randomBytes(32), Handshake.randomBytes(32)));
  }
}
