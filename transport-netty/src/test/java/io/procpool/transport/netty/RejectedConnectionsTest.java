package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.core.PoolBuilder;
import io.procpool.core.ProcessPool;
import io.procpool.junit.WithPool;
import io.procpool.spi.Transport;
import io.procpool.tck.TckTasks;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Strangers at a live pool's socket, while two real worker JVMs run its work: a wrong proof,
 * random bytes, a 2 GiB length, silence, and a second connection under a connected worker's name
 * with the right proof. Each is closed and logged; the pool's work goes on with the same workers;
 * and nothing a stranger sent reaches the core: a {@link CoreFrameTap} between the transport and
 * the core sees no connection but the workers' and no frame cut from a stranger's bytes. One pool
 * serves all the tests of a class, to keep the run short (pool-junit closes it after the class and
 * checks that its workers and threads are gone); one subclass per kind of socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@WithPool(scope = WithPool.Scope.CLASS, builder = "poolOverTheTap")
abstract class RejectedConnectionsTest {
  private static final Duration AUTH_DEADLINE = Duration.ofSeconds(2); // short, but long enough for a busy machine
  private static final List<String> WORKERS = List.of("PoolWorker-1", "PoolWorker-2");
  /** Shorter frames could match a stranger's bytes by chance; every stranger here sends longer ones. */
  private static final int SHORTEST_FRAME_COMPARED = 16;
  private static final long SEED = System.nanoTime();

  private final Random random = new Random(SEED);
  private final List<RawClient> strangers = new ArrayList<>();
  private NettyTransport transport;
  private CoreFrameTap tap;
  private Pool pool;
  private LogCapture log;
  private int framesBefore;
  private AsyncResult<List<Integer>> work;

  abstract SocketKind socketKind();

  /** Two workers over the Netty transport, seen through a tap between it and the core. */
  PoolBuilder poolOverTheTap() {
    transport = new NettyTransport(NettyTransportOptions.builder()
        .socketKind(socketKind()).authDeadline(AUTH_DEADLINE).build());
    tap = new CoreFrameTap(transport);
    return ProcessPool.builder().workers(2).transport(binder -> binder.bind(Transport.class).toInstance(tap));
  }

  @BeforeAll
  void startPool(Pool pool) throws Exception {
    this.pool = pool;
    pool.map(x -> TckTasks.sleepThenReturn(50, x), List.of(1, 2), 1); // both workers are connected
    assertEquals(WORKERS, tap.connectedWorkers().stream().sorted().collect(Collectors.toList()));
  }

  @BeforeEach
  void startWork() {
    log = new LogCapture();
    strangers.clear();
    framesBefore = tap.frameCount();
    work = pool.mapAsync(x -> TckTasks.sleepThenReturn(20, x * x), IntStream.range(0, 40).boxed().collect(Collectors.toList()), 1);
  }

  /** A stranger connected to the pool's listening address, whose bytes the final check looks for. */
  private RawClient stranger() throws IOException {
    RawClient stranger = RawClient.connect(transport);
    strangers.add(stranger);
    return stranger;
  }

  /**
   * The work submitted before the stranger came is all done, by the workers the pool started
   * with (a replacement would be PoolWorker-3), and the core was handed nothing of a stranger's.
   */
  @AfterEach
  void workWentOnAndNothingOfTheStrangersReachedTheCore() throws Exception {
    try {
      assertEquals(IntStream.range(0, 40).map(x -> x * x).boxed().collect(Collectors.toList()), work.get());
      Set<String> names = Set.copyOf(pool.map(x -> TckTasks.nameAfter(50), List.of(1, 2, 3, 4), 1));
      assertTrue(Set.copyOf(WORKERS).containsAll(names), "workers were replaced: " + names);
      assertEquals(WORKERS, tap.connectedWorkers().stream().sorted().collect(Collectors.toList()),
          "the core connected no one but its two workers");
      List<byte[]> frames = tap.framesSince(framesBefore);
      assertTrue(frames.size() >= 40, "the tap saw the workers' answers: " + frames.size() + " frames");
      for (RawClient stranger : strangers) {
        byte[] sent = stranger.sent();
        for (byte[] frame : frames) {
          assertTrue(frame.length < SHORTEST_FRAME_COMPARED || !contains(sent, frame),
              "a frame cut from a stranger's bytes reached the core (seed " + SEED + ")");
        }
      }
    } finally {
      log.close();
    }
  }

  @Test
  void connectionWithAWrongProofIsClosedAndLogged() throws Exception {
    try (RawClient stranger = stranger()) {
      Handshake.readChallenge(stranger.readFrame());
      byte[] guess = Handshake.randomBytes(NettyWireFormat.MAC_BYTES);
      stranger.sendFrame(Handshake.proof(Handshake.randomBytes(NettyWireFormat.NONCE_BYTES), guess, "PoolWorker-1"));
      assertArrayEquals(new byte[0], stranger.receivedUntilClosed(), "the pool sent more than its challenge");
    }
    assertEquals(1, log.containing("its proof of the pool's secret is wrong").size(), log.all().toString());
  }

  @Test
  void silentConnectionIsClosedAndLoggedAtTheDeadline() throws Exception {
    long start = System.nanoTime();
    try (RawClient stranger = stranger()) {
      assertOnlyAChallenge(stranger.receivedUntilClosed());
    }
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMillis >= AUTH_DEADLINE.toMillis() - 50, "closed after " + waitedMillis + " ms, before the deadline");
    assertEquals(1, log.containing("did not prove it knows the pool's secret within 2000 ms").size(), log.all().toString());
  }

  @Test
  void frameOverTheLimitIsClosedAndLogged() throws Exception {
    try (RawClient stranger = stranger()) {
      stranger.sendHeader(64 * 1024 * 1024);
      assertOnlyAChallenge(stranger.receivedUntilClosed());
    }
    assertEquals(1, log.containing("announced a frame of 67108864 bytes, over the limit of 512 bytes").size(), log.all().toString());
  }

  /** 2 GiB - 1 and 2 GiB: the largest signed length, and the smallest a signed reading makes negative. */
  @Test
  void lengthOfTwoGibibytesIsClosedAndLoggedBeforeAnythingIsBuffered() throws Exception {
    for (int announced : new int[] {0x7fffffff, 0x80000000}) {
      try (RawClient stranger = stranger()) {
        stranger.sendHeader(announced);
        sendUnlessClosed(stranger, randomBytes(64)); // the start of the "frame": never buffered for
        assertOnlyAChallenge(stranger.receivedUntilClosed());
      }
      String length = Integer.toUnsignedString(announced);
      assertEquals(1, log.containing("announced a frame of " + length + " bytes, over the limit of 512 bytes").size(),
          log.all().toString());
    }
  }

  /** Random bytes as they come, and random bytes inside a frame of a size the handshake allows. */
  @Test
  void randomBytesAreClosedAndLogged() throws Exception {
    try (RawClient stranger = stranger()) {
      sendUnlessClosed(stranger, randomBytes(1024));
      assertOnlyAChallenge(stranger.receivedUntilClosed());
    }
    try (RawClient stranger = stranger()) {
      stranger.sendFrame(randomBytes(400));
      assertOnlyAChallenge(stranger.receivedUntilClosed());
    }
    assertEquals(2, log.containing("without letting it in").size(), "seed " + SEED + ": " + log.all());
  }

  /**
   * The nearest a test can come to an impostor that knows the secret (no stranger does: the
   * secret travels only on the workers' standard input): this one has it from the transport, proves
   * itself under the name of a worker that is connected and serving, and sends what could be a
   * frame for the core at once. It is refused, gets no welcome, and the worker it named serves on.
   */
  @Test
  void secondConnectionUnderAConnectedWorkersNameIsRefusedEvenWithTheRightProof() throws Exception {
    try (RawClient impostor = stranger()) {
      byte[] poolNonce = Handshake.readChallenge(impostor.readFrame());
      byte[] nonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
      byte[] mac = Handshake.workerMac(transport.secret(), poolNonce, nonce, "PoolWorker-1");
      impostor.sendFrame(Handshake.proof(nonce, mac, "PoolWorker-1"));
      sendUnlessClosed(impostor, frameOf(randomBytes(32)));
      assertArrayEquals(new byte[0], impostor.receivedUntilClosed(), "the pool welcomed the impostor");
    }
    assertEquals(1, log.containing("no worker named 'PoolWorker-1' is waiting to connect (it is connected already").size(),
        log.all().toString());
    assertEquals("PoolWorker-1", firstAnswerOf("PoolWorker-1"), "the worker the impostor named serves on");
  }

  /** Asks for names until {@code worker} answers (two idle workers share the tasks), at most twenty times. */
  private String firstAnswerOf(String worker) throws Exception {
    for (int i = 0; i < 10; i++) {
      for (String name : pool.map(x -> TckTasks.nameAfter(20), List.of(1, 2), 1)) {
        if (name.equals(worker)) {
          return name;
        }
      }
    }
    return "no answer from " + worker;
  }

  /** What the pool sends any peer first: one CHALLENGE frame; anything after it would be a leak. */
  private static void assertOnlyAChallenge(byte[] received) throws IOException {
    assertEquals(NettyWireFormat.LENGTH_BYTES + NettyWireFormat.CHALLENGE_BYTES, received.length,
        "the pool sent a stranger more than its challenge");
    Handshake.readChallenge(Arrays.copyOfRange(received, NettyWireFormat.LENGTH_BYTES, received.length));
  }

  /** The pool may close before the last bytes are written; that is the outcome under test, not an error. */
  private static void sendUnlessClosed(RawClient stranger, byte[] bytes) {
    try {
      stranger.sendBytes(bytes);
    } catch (IOException closedAlready) {
      // closed by the pool
    }
  }

  private static byte[] frameOf(byte[] payload) {
    byte[] frame = new byte[NettyWireFormat.LENGTH_BYTES + payload.length];
    NettyWireFormat.header(payload.length).get(frame, 0, NettyWireFormat.LENGTH_BYTES);
    System.arraycopy(payload, 0, frame, NettyWireFormat.LENGTH_BYTES, payload.length);
    return frame;
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int at = 0; at + needle.length <= haystack.length; at++) {
      if (Arrays.equals(haystack, at, at + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}
