package io.procpool.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.AsyncResult;
import io.procpool.Pool;
import io.procpool.core.ProcessPool;
import io.procpool.spi.Transport;
import io.procpool.tck.Pools;
import io.procpool.tck.TckTasks;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Strangers at a live pool's socket: each is closed and logged, and the pool's work goes on with
 * the same workers. One pool serves all the tests of a class, to keep the run short; one
 * subclass per kind of socket.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class RejectedConnectionsTest {
  private static final Duration AUTH_DEADLINE = Duration.ofSeconds(2); // short, but long enough for a busy machine

  private NettyTransport transport;
  private Pool pool;
  private LogCapture log;
  private AsyncResult<List<Integer>> work;

  abstract SocketKind socketKind();

  @BeforeAll
  void startPool() throws Exception {
    transport = new NettyTransport(NettyTransportOptions.builder()
        .socketKind(socketKind()).authDeadline(AUTH_DEADLINE).build());
    pool = ProcessPool.builder().workers(2).transport(binder -> binder.bind(Transport.class).toInstance(transport)).build();
    pool.apply(() -> 0);
  }

  @AfterAll
  void closePool() {
    pool.terminate();
    assertEquals(List.of(), Pools.liveWorkers());
  }

  @BeforeEach
  void startWork() {
    log = new LogCapture();
    work = pool.mapAsync(x -> TckTasks.sleepThenReturn(20, x * x), IntStream.range(0, 40).boxed().collect(Collectors.toList()), 1);
  }

  /**
   * The work submitted before the stranger came is all done, by the workers the pool started
   * with: a replacement would be PoolWorker-3.
   */
  @AfterEach
  void workWentOn() throws Exception {
    try {
      assertEquals(IntStream.range(0, 40).map(x -> x * x).boxed().collect(Collectors.toList()), work.get());
      Set<String> names = Set.copyOf(pool.map(x -> TckTasks.nameAfter(50), List.of(1, 2, 3, 4), 1));
      assertTrue(Set.of("PoolWorker-1", "PoolWorker-2").containsAll(names), "workers were replaced: " + names);
    } finally {
      log.close();
    }
  }

  @Test
  void connectionWithAWrongProofIsClosedAndLogged() throws Exception {
    try (RawClient stranger = RawClient.connect(transport)) {
      Handshake.readChallenge(stranger.readFrame());
      byte[] guess = Handshake.randomBytes(NettyWireFormat.MAC_BYTES);
      stranger.sendFrame(Handshake.proof(Handshake.randomBytes(NettyWireFormat.NONCE_BYTES), guess, "PoolWorker-1"));
      assertTrue(stranger.closedByThePool());
    }
    assertEquals(1, log.containing("its proof of the pool's secret is wrong").size(), log.all().toString());
  }

  @Test
  void silentConnectionIsClosedAndLoggedAtTheDeadline() throws Exception {
    long start = System.nanoTime();
    try (RawClient stranger = RawClient.connect(transport)) {
      assertTrue(stranger.closedByThePool());
    }
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMillis >= AUTH_DEADLINE.toMillis() - 50, "closed after " + waitedMillis + " ms, before the deadline");
    assertEquals(1, log.containing("did not prove it knows the pool's secret within 2000 ms").size(), log.all().toString());
  }

  @Test
  void frameOverTheLimitIsClosedAndLogged() throws Exception {
    try (RawClient stranger = RawClient.connect(transport)) {
      stranger.sendHeader(64 * 1024 * 1024);
      assertTrue(stranger.closedByThePool());
    }
    assertEquals(1, log.containing("announced a frame of 67108864 bytes, over the limit of 512 bytes").size(), log.all().toString());
  }
}
