package io.procpool.transport.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.transport.netty.Handshake.Proof;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker's end of a connection, against this test playing the pool on a loopback socket. */
class WorkerSocketConnectionTest {
  private final byte[] secret = Handshake.randomBytes(NettyWireFormat.SECRET_BYTES);
  private final ServerSocketChannel server = openServer();
  private final RecordingListener listener = new RecordingListener();
  private SocketChannel pool;

  private static ServerSocketChannel openServer() {
    try {
      return ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() throws IOException {
    if (pool != null) {
      pool.close();
    }
    server.close();
  }

  private LaunchTicket ticket(int maxFrameBytes, Duration authDeadline) throws IOException {
    InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
    return new LaunchTicket("PoolWorker-2", "tcp:" + address.getHostString() + ":" + address.getPort(), secret,
        maxFrameBytes, authDeadline);
  }

  /** Starts the worker's connect, which blocks until the handshake ends, and accepts it. */
  private CompletableFuture<WorkerSocketConnection> connect(LaunchTicket ticket) throws IOException {
    CompletableFuture<WorkerSocketConnection> connected = CompletableFuture.supplyAsync(() -> {
      try {
        return WorkerSocketConnection.connect(ticket, listener);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    pool = server.accept();
    return connected;
  }

  private void send(byte[] frame) throws IOException {
    ByteBuffer[] buffers = {NettyWireFormat.header(frame.length), ByteBuffer.wrap(frame)};
    while (buffers[1].hasRemaining()) {
      pool.write(buffers);
    }
  }

  private byte[] receive() throws IOException {
    ByteBuffer header = ByteBuffer.allocate(NettyWireFormat.LENGTH_BYTES);
    while (header.hasRemaining() && pool.read(header) >= 0) {
      // reading
    }
    ByteBuffer frame = ByteBuffer.allocate((int) NettyWireFormat.announcedLength(header.array()));
    while (frame.hasRemaining() && pool.read(frame) >= 0) {
      // reading
    }
    return frame.array();
  }

  private Proof challenge(byte[] poolNonce) throws IOException {
    send(Handshake.challenge(poolNonce));
    return Handshake.readProof(receive());
  }

  private static String failureOf(CompletableFuture<?> connecting) {
    ExecutionException failure = assertThrows(ExecutionException.class, () -> connecting.get(10, TimeUnit.SECONDS));
    return failure.getCause().getMessage();
  }

  @Test
  void provesItselfThenWaitsForThePoolsProofThenFramesFlowBothWays() throws Exception {
    CompletableFuture<WorkerSocketConnection> connecting = connect(ticket(4096, Duration.ofSeconds(10)));
    byte[] poolNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
    Proof proof = challenge(poolNonce);
    assertEquals("PoolWorker-2", proof.workerName());
    assertTrue(Handshake.sameMac(Handshake.workerMac(secret, poolNonce, proof.workerNonce(), "PoolWorker-2"), proof.mac()));
    assertTrue(!connecting.isDone(), "connected before the pool proved itself");
    send(Handshake.welcome(Handshake.poolMac(secret, poolNonce, proof.workerNonce(), "PoolWorker-2")));
    WorkerSocketConnection worker = connecting.get(10, TimeUnit.SECONDS);

    worker.send("hello".getBytes(UTF_8));
    assertArrayEquals("hello".getBytes(UTF_8), receive());
    send("task".getBytes(UTF_8));
    assertArrayEquals("task".getBytes(UTF_8), listener.nextFrame());
    pool.close();
    assertNull(listener.awaitClosed(), "an orderly close is no failure");
  }

  @Test
  void refusesAPoolThatDoesNotKnowTheSecret() throws Exception {
    CompletableFuture<WorkerSocketConnection> connecting = connect(ticket(4096, Duration.ofSeconds(10)));
    byte[] poolNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
    Proof proof = challenge(poolNonce);
    send(Handshake.welcome(Handshake.poolMac(Handshake.randomBytes(32), poolNonce, proof.workerNonce(), "PoolWorker-2")));
    String message = failureOf(connecting);
    assertTrue(message.contains("does not know the pool's secret"), message);
    assertEquals(-1, pool.read(ByteBuffer.allocate(1)), "the worker closed the connection");
  }

  @Test
  void poolThatClosesDuringTheHandshakeIsAClearFailure() throws Exception {
    CompletableFuture<WorkerSocketConnection> connecting = connect(ticket(4096, Duration.ofSeconds(10)));
    pool.close();
    String message = failureOf(connecting);
    assertTrue(message.contains("did not let this worker in"), message);
  }

  @Test
  void aSilentPoolIsGivenUpOnAfterTwiceItsDeadline() throws Exception {
    CompletableFuture<WorkerSocketConnection> connecting = connect(ticket(4096, Duration.ofMillis(150)));
    String message = failureOf(connecting);
    assertTrue(message.contains("did not complete the handshake within 300 ms"), message);
  }

  @Test
  void aFrameOverTheLimitEndsTheConnectionNamingTheLimit() throws Exception {
    CompletableFuture<WorkerSocketConnection> connecting = connect(ticket(1024, Duration.ofSeconds(10)));
    byte[] poolNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
    Proof proof = challenge(poolNonce);
    send(Handshake.welcome(Handshake.poolMac(secret, poolNonce, proof.workerNonce(), "PoolWorker-2")));
    connecting.get(10, TimeUnit.SECONDS);
    send(new byte[1025]);
    String reason = listener.awaitClosed().getMessage();
    assertTrue(reason.contains("the pool announced a frame of 1025 bytes, over the limit of 1024 bytes"
        + " (NettyTransportOptions.maxFrameBytes)"), reason);
  }

  @Test
  void addressesAreReadAsThePoolWritesThem() {
    assertEquals(new InetSocketAddress("127.0.0.1", 4242), WorkerSocketConnection.addressOf("tcp:127.0.0.1:4242"));
    assertEquals("/tmp/p/pool.sock", WorkerSocketConnection.addressOf("unix:/tmp/p/pool.sock").toString());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> WorkerSocketConnection.addressOf("udp:x"));
    assertTrue(bad.getMessage().contains("expected unix:/path or tcp:host:port"), bad.getMessage());
  }
}
