package io.procpool.transport.netty;

import static io.procpool.transport.netty.EmbeddedFrames.receive;
import static io.procpool.transport.netty.EmbeddedFrames.sent;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.procpool.transport.netty.Handshake.Proof;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The worker's side of the handshake, on an {@link EmbeddedChannel} playing the pool. */
class WorkerHandshakeHandlerTest {
  private final byte[] secret = Handshake.randomBytes(Handshake.SECRET_BYTES);
  private final LaunchTicket ticket = new LaunchTicket("PoolWorker-2", "tcp:127.0.0.1:1", secret, 4096, Duration.ofSeconds(10));
  private final RecordingListener listener = new RecordingListener();
  private final NettyConnection connection = EmbeddedFrames.connection("the pool", listener);
  private final WorkerHandshakeHandler handshake = new WorkerHandshakeHandler(ticket, connection);
  private final EmbeddedChannel channel = EmbeddedFrames.handshakeChannel(handshake);
  private final byte[] poolNonce = Handshake.randomBytes(Handshake.NONCE_BYTES);

  private Proof challenge() throws Exception {
    receive(channel, Handshake.challenge(poolNonce));
    return Handshake.readProof(sent(channel));
  }

  @Test
  void answersTheChallengeWithItsNameAndAProofOfTheSecret() throws Exception {
    Proof proof = challenge();
    assertEquals("PoolWorker-2", proof.workerName());
    assertTrue(Handshake.sameMac(Handshake.workerMac(secret, poolNonce, proof.workerNonce(), "PoolWorker-2"), proof.mac()));
    assertFalse(handshake.authenticated().isDone(), "connected before the pool proved itself");
  }

  @Test
  void connectsOnceThePoolHasProvedItselfAndThenFramesFlow() throws Exception {
    Proof proof = challenge();
    receive(channel, Handshake.welcome(Handshake.poolMac(secret, poolNonce, proof.workerNonce(), "PoolWorker-2")));
    handshake.authenticated().get();

    connection.send("hello".getBytes(UTF_8));
    assertArrayEquals("hello".getBytes(UTF_8), sent(channel));
    receive(channel, "task".getBytes(UTF_8));
    assertArrayEquals("task".getBytes(UTF_8), listener.nextFrame());
  }

  @Test
  void refusesAPoolThatDoesNotKnowTheSecret() throws Exception {
    Proof proof = challenge();
    byte[] forged = Handshake.poolMac(Handshake.randomBytes(32), poolNonce, proof.workerNonce(), "PoolWorker-2");
    receive(channel, Handshake.welcome(forged));

    ExecutionException failure = assertThrows(ExecutionException.class, () -> handshake.authenticated().get());
    assertTrue(failure.getCause().getMessage().contains("does not know the pool's secret"), failure.getCause().getMessage());
    assertFalse(channel.isOpen());
    assertEquals(0, listener.events().size());
  }

  @Test
  void poolThatClosesDuringTheHandshakeIsAClearFailure() {
    channel.close();
    ExecutionException failure = assertThrows(ExecutionException.class, () -> handshake.authenticated().get());
    assertTrue(failure.getCause().getMessage().contains("did not let this worker in"), failure.getCause().getMessage());
  }
}
