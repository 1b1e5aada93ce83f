package io.procpool.transport.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.procpool.transport.netty.Handshake.Proof;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The worker's end of a connection on a loopback socket, against this test playing the pool: by
 * hand, or with the pool's own Netty pipeline on an {@link EmbeddedChannel} that the test bridges
 * to the socket, which shows that the two ends agree on every byte.
 */
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
    while (buffers[0].hasRemaining() || buffers[1].hasRemaining()) {
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

  /**
   * The pool's own pipeline, in the handshake stage: it lets this test's worker in to
   * {@code poolSide}, then takes frames of up to {@code maxFrameBytes}.
   */
  private EmbeddedChannel nettyPool(NettyConnection poolSide, int maxFrameBytes) {
    return EmbeddedFrames.handshakeChannel(new ParentHandshakeHandler(secret, Map.of("PoolWorker-2", poolSide)::get,
        poolSide::awaitsWorker, Duration.ofSeconds(10), maxFrameBytes));
  }

  /** Carries the handshake between the worker and the Netty pipeline: CHALLENGE, PROOF, WELCOME. */
  private WorkerSocketConnection handshakeThrough(EmbeddedChannel nettyPool, CompletableFuture<WorkerSocketConnection> connecting)
      throws Exception {
    EmbeddedFrames.sendTo(pool, nettyPool);
    EmbeddedFrames.receiveFrom(pool, nettyPool, () -> !nettyPool.outboundMessages().isEmpty() || !nettyPool.isOpen());
    EmbeddedFrames.sendTo(pool, nettyPool);
    return connecting.get(10, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(30)
  void workerAndTheNettyPipelineAgreeOnTheHandshakeAndOnFramesBothWays() throws Exception {
    RecordingListener poolListener = new RecordingListener();
    NettyConnection poolSide = EmbeddedFrames.connection("worker PoolWorker-2", poolListener);
    EmbeddedChannel nettyPool = nettyPool(poolSide, 4096);
    WorkerSocketConnection worker = handshakeThrough(nettyPool, connect(ticket(4096, Duration.ofSeconds(10))));

    List<byte[]> frames = List.of(new byte[0], "hello".getBytes(UTF_8), filled(300), filled(4096));
    frames.forEach(worker::send);
    EmbeddedFrames.receiveFrom(pool, nettyPool, () -> poolListener.events().size() == frames.size());
    for (byte[] frame : frames) {
      assertArrayEquals(frame, poolListener.nextFrame());
    }
    frames.forEach(poolSide::send);
    EmbeddedFrames.sendTo(pool, nettyPool);
    for (byte[] frame : frames) {
      assertArrayEquals(frame, listener.nextFrame());
    }
    assertTrue(nettyPool.isOpen(), "the pool closed the connection");
  }

  @Test
  @Timeout(30)
  void frameOverThePoolsLimitFromTheWorkerIsRefusedByTheNettyDecoder() throws Exception {
    RecordingListener poolListener = new RecordingListener();
    NettyConnection poolSide = EmbeddedFrames.connection("worker PoolWorker-2", poolListener);
    EmbeddedChannel nettyPool = nettyPool(poolSide, 1024);
    WorkerSocketConnection worker = handshakeThrough(nettyPool, connect(ticket(4096, Duration.ofSeconds(10))));

    try (LogCapture log = new LogCapture()) {
      worker.send(new byte[1025]);
      EmbeddedFrames.receiveFrom(pool, nettyPool, () -> !nettyPool.isOpen());
      assertEquals(1, log.containing("announced a frame of 1025 bytes").size(), "logged: " + log.all());
    }
    String reason = poolListener.awaitClosed().getMessage();
    assertEquals("worker PoolWorker-2 announced a frame of 1025 bytes, over the limit of 1024 bytes"
        + " (NettyTransportOptions.maxFrameBytes)", reason);
    assertEquals(List.of("closed"), poolListener.events(), "no frame reached the core");
  }

  @Test
  @Timeout(30)
  void frameOverTheWorkersLimitFromTheNettyEncoderEndsTheWorkersConnection() throws Exception {
    NettyConnection poolSide = EmbeddedFrames.connection("worker PoolWorker-2", new RecordingListener());
    EmbeddedChannel nettyPool = nettyPool(poolSide, 4096);
    handshakeThrough(nettyPool, connect(ticket(1024, Duration.ofSeconds(10))));

    poolSide.send(new byte[1024]);
    poolSide.send(new byte[1025]);
    EmbeddedFrames.sendTo(pool, nettyPool);
    assertEquals(1024, listener.nextFrame().length, "a frame at the limit gets through");
    assertEquals("the pool announced a frame of 1025 bytes, over the limit of 1024 bytes"
        + " (NettyTransportOptions.maxFrameBytes)", listener.awaitClosed().getMessage());
  }

  private static byte[] filled(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  @Test
  void addressesAreReadAsThePoolWritesThem() {
    assertEquals(new InetSocketAddress("127.0.0.1", 4242), WorkerSocketConnection.addressOf("tcp:127.0.0.1:4242"));
    assertEquals("/tmp/p/pool.sock", WorkerSocketConnection.addressOf("unix:/tmp/p/pool.sock").toString());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> WorkerSocketConnection.addressOf("udp:x"));
    assertTrue(bad.getMessage().contains("expected unix:/path or tcp:host:port"), bad.getMessage());
  }
}
