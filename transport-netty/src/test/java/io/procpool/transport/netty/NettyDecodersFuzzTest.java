package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.procpool.spi.ConnectionListener;
import io.procpool.tck.DecoderFuzz;
import io.procpool.transport.netty.Handshake.HandshakeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader of the Netty transport's bytes, fed random bytes, cut streams and lying lengths by
 * the kit's {@link DecoderFuzz}: the handshake's three messages, the pool's pipeline before and
 * after a peer's proof, and the worker's socket reader, on a real socket, in the handshake and
 * after it. Each reads, or fails the way it documents (a {@link HandshakeException}, a closed
 * connection, an {@link IOException}); and before the proof, nothing reaches the core.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NettyDecodersFuzzTest {
  private static final Duration BUDGET = Duration.ofMillis(1200);
  private static final int MAX_FRAME_BYTES = 4096;

  /** Held, so that the level set on it stays: every refused peer is a warning, thousands of them here. */
  private final Logger transportLog = Logger.getLogger(NettyTransport.class.getPackageName());
  private final byte[] secret = Handshake.randomBytes(NettyWireFormat.SECRET_BYTES);
  private Level levelBefore;

  @BeforeEach
  void quiet() {
    levelBefore = transportLog.getLevel();
    transportLog.setLevel(Level.OFF);
  }

  @AfterEach
  void loud() {
    transportLog.setLevel(levelBefore);
  }

  /** Frames as the wire lays them out: length, then payload. */
  private static byte[] framed(byte[]... payloads) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] payload : payloads) {
      bytes.writeBytes(NettyWireFormat.header(payload.length).array());
      bytes.writeBytes(payload);
    }
    return bytes.toByteArray();
  }

  private byte[] proofOf(String name) {
    byte[] nonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
    return Handshake.proof(nonce, Handshake.randomBytes(NettyWireFormat.MAC_BYTES), name);
  }

  @Test
  void handshakeMessagesAreReadOrRefusedWithAHandshakeException() throws Exception {
    byte[] challenge = Handshake.challenge(Handshake.randomBytes(NettyWireFormat.NONCE_BYTES));
    run(DecoderFuzz.of("netty handshake messages", bytes -> {
      for (MessageReader reader : List.<MessageReader>of(Handshake::readChallenge, Handshake::readProof, Handshake::readWelcome)) {
        try {
          reader.read(bytes);
        } catch (HandshakeException refused) {
          // documented: a malformed message
        }
      }
    }).seeds(challenge, proofOf("PoolWorker-1"), Handshake.welcome(Handshake.randomBytes(NettyWireFormat.MAC_BYTES))));
  }

  /** The pool's side as a stranger meets it: whatever comes, nothing reaches the core, nothing escapes. */
  @Test
  void poolPipelineBeforeTheProofPassesNothingOnToTheCore() throws Exception {
    run(DecoderFuzz.of("netty pool pipeline, before the proof", bytes -> {
      RecordingListener core = new RecordingListener();
      NettyConnection waiting = EmbeddedFrames.connection("worker PoolWorker-1", core);
      EmbeddedChannel channel = EmbeddedFrames.handshakeChannel(new ParentHandshakeHandler(
          secret, Map.of("PoolWorker-1", waiting)::get, () -> true, Duration.ofSeconds(10), MAX_FRAME_BYTES));
      try {
        feedInPieces(channel, bytes);
        channel.checkException(); // what reached the pipeline's end unhandled
        if (!core.events().isEmpty()) {
          throw new AssertionError("an unproven peer reached the core: " + core.events());
        }
      } finally {
        channel.finishAndReleaseAll();
      }
    }).seeds(framed(proofOf("PoolWorker-1")), framed(proofOf("PoolWorker-1"), new byte[] {16, 2, 1})));
  }

  /** After the proof: frames reach the core, and a bad length or a broken stream closes the connection. */
  @Test
  void poolPipelineAfterTheProofCutsFramesOrClosesTheConnection() throws Exception {
    run(DecoderFuzz.of("netty pool pipeline, after the proof", bytes -> {
      RecordingListener core = new RecordingListener();
      NettyConnection waiting = EmbeddedFrames.connection("worker PoolWorker-1", core);
      EmbeddedChannel channel = EmbeddedFrames.handshakeChannel(new ParentHandshakeHandler(
          secret, Map.of("PoolWorker-1", waiting)::get, () -> true, Duration.ofSeconds(10), MAX_FRAME_BYTES));
      try {
        byte[] poolNonce = Handshake.readChallenge(EmbeddedFrames.sent(channel));
        byte[] workerNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
        EmbeddedFrames.receive(channel, Handshake.proof(workerNonce,
            Handshake.workerMac(secret, poolNonce, workerNonce, "PoolWorker-1"), "PoolWorker-1"));
        feedInPieces(channel, bytes);
        channel.checkException();
        channel.close();
        Throwable reason = core.awaitClosed();
        if (reason != null && !(reason instanceof IOException)) {
          throw new AssertionError("closed for an unexpected reason", reason);
        }
      } finally {
        channel.finishAndReleaseAll();
      }
    }).seeds(framed(new byte[] {16, 2, 1}, new byte[0], new byte[300])));
  }

  /** The pool's bytes before the worker is in: connect fails with an IOException, whatever they are. */
  @Test
  void workerReaderRefusesAnyHandshakeThatIsNotThePoolsWithAnIOException(@TempDir Path directory) throws Exception {
    byte[] challenge = framed(Handshake.challenge(Handshake.randomBytes(NettyWireFormat.NONCE_BYTES)));
    try (FuzzPool pool = new FuzzPool(directory)) {
      run(DecoderFuzz.of("netty worker reader, handshake", bytes -> {
        Future<?> serving = pool.serve(peer -> write(peer, bytes));
        try {
          WorkerSocketConnection.connect(pool.ticket(), new ConnectionListener() {
            @Override public void onFrame(byte[] frame) {}
            @Override public void onClosed(Throwable reason) {}
          }).close();
          throw new AssertionError("connected to a pool that never proved itself");
        } finally {
          serving.get(5, TimeUnit.SECONDS);
        }
      }).seeds(challenge, framed(Handshake.challenge(new byte[NettyWireFormat.NONCE_BYTES]), new byte[32]))
          .allowing(IOException.class)
          .perInput(Duration.ofSeconds(5)));
    }
  }

  /** The pool's frames after a real handshake: the reader passes them on, then closes with null or an IOException. */
  @Test
  void workerReaderAfterTheHandshakeReadsFramesThenClosesCleanlyOrWithAnIOException(@TempDir Path directory) throws Exception {
    try (FuzzPool pool = new FuzzPool(directory)) {
      run(DecoderFuzz.of("netty worker reader, frames", bytes -> {
        Future<?> serving = pool.serve(peer -> {
          pool.handshake(peer);
          write(peer, bytes);
        });
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        WorkerSocketConnection.connect(pool.ticket(), new ConnectionListener() {
          @Override public void onFrame(byte[] frame) {}
          @Override public void onClosed(Throwable reason) {
            closed.complete(reason);
          }
        });
        serving.get(5, TimeUnit.SECONDS);
        Throwable reason = closed.get(5, TimeUnit.SECONDS);
        if (reason != null && !(reason instanceof IOException)) {
          throw new AssertionError("closed for an unexpected reason", reason);
        }
      }).seeds(framed(new byte[] {1, 1, 2}, new byte[0], new byte[1000])).perInput(Duration.ofSeconds(10)));
    }
  }

  private static void run(DecoderFuzz fuzz) throws InterruptedException {
    int inputs = fuzz.budget(BUDGET).run();
    assertTrue(inputs > 100, "only " + inputs + " inputs");
  }

  /**
   * In three reads, as bytes arrive from a socket (decoders must not depend on how they are cut),
   * while the channel is open: a closed channel reads nothing more.
   */
  private static void feedInPieces(EmbeddedChannel channel, byte[] bytes) {
    int[] cuts = {0, bytes.length / 3, 2 * bytes.length / 3, bytes.length};
    for (int i = 0; i < 3 && channel.isOpen(); i++) {
      channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, cuts[i], cuts[i + 1])));
    }
  }

  private static void write(SocketChannel peer, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      peer.write(buffer);
    }
  }

  /**
   * This test playing the pool on a Unix domain socket: each input's worker connects once, is
   * served on a thread of the pool's, and then the pool closes its end.
   */
  private final class FuzzPool implements AutoCloseable {
    private final ServerSocketChannel server;
    private final String address;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread serving = new Thread(runnable, "fuzz-pool");
      serving.setDaemon(true);
      return serving;
    });

    FuzzPool(Path directory) throws IOException {
      Path socket = directory.resolve("pool.sock");
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
      address = SocketFlavor.UNIX_PREFIX + socket;
    }

    LaunchTicket ticket() {
      return new LaunchTicket("PoolWorker-1", address, secret, MAX_FRAME_BYTES, Duration.ofSeconds(1));
    }

    /** Accepts the next worker and runs {@code session} with it; the pool's end closes after. */
    Future<?> serve(Session session) {
      return thread.submit(() -> {
        try (SocketChannel peer = server.accept()) {
          session.run(peer);
        } catch (IOException e) {
          // the worker hung up first: the worker's side is what is under test
        }
        return null;
      });
    }

    /** The pool's half of a handshake that lets the worker in. */
    void handshake(SocketChannel peer) throws IOException {
      byte[] poolNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
      write(peer, framed(Handshake.challenge(poolNonce)));
      Handshake.Proof proof = Handshake.readProof(readFrame(peer));
      write(peer, framed(Handshake.welcome(Handshake.poolMac(secret, poolNonce, proof.workerNonce(), proof.workerName()))));
    }

    private byte[] readFrame(SocketChannel peer) throws IOException {
      ByteBuffer header = readFully(peer, ByteBuffer.allocate(NettyWireFormat.LENGTH_BYTES));
      return readFully(peer, ByteBuffer.allocate((int) NettyWireFormat.announcedLength(header.array()))).array();
    }

    private ByteBuffer readFully(SocketChannel peer, ByteBuffer buffer) throws IOException {
      while (buffer.hasRemaining()) {
        if (peer.read(buffer) < 0) {
          throw new IOException("the worker hung up");
        }
      }
      return buffer;
    }

    @Override
    public void close() throws IOException {
      thread.shutdownNow();
      server.close();
    }
  }

  private interface MessageReader {
    void read(byte[] frame) throws HandshakeException;
  }

  private interface Session {
    void run(SocketChannel peer) throws IOException;
  }
}
