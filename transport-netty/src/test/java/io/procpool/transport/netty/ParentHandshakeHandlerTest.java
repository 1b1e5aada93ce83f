package io.procpool.transport.netty;

import static io.procpool.transport.netty.EmbeddedFrames.receive;
import static io.procpool.transport.netty.EmbeddedFrames.receiveHeader;
import static io.procpool.transport.netty.EmbeddedFrames.sent;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's side of the handshake, on an {@link EmbeddedChannel}: who gets in, who does not. */
class ParentHandshakeHandlerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final byte[] secret = Handshake.randomBytes(NettyWireFormat.SECRET_BYTES);
  private final RecordingListener listener = new RecordingListener();
  private final NettyConnection waiting = EmbeddedFrames.connection("worker PoolWorker-1", listener);
  private final Map<String, NettyConnection> connections = Map.of("PoolWorker-1", waiting);
  private final LogCapture log = new LogCapture();

  @AfterEach
  void stopCapture() {
    log.close();
  }

  private EmbeddedChannel newChannel() {
    return EmbeddedFrames.handshakeChannel(new ParentHandshakeHandler(secret, connections::get, waiting::awaitsWorker, DEADLINE, 4096));
  }

  /** Answers the challenge the channel sent, as a worker with {@code key} for a secret would. */
  private static void prove(EmbeddedChannel channel, byte[] key, String name, byte[] workerNonce) throws Exception {
    byte[] poolNonce = Handshake.readChallenge(sent(channel));
    byte[] mac = Handshake.workerMac(key, poolNonce, workerNonce, name);
    receive(channel, Handshake.proof(workerNonce, mac, name));
  }

  @Test
  void workerWithTheRightProofIsWelcomedAndItsFramesFlowBothWays() throws Exception {
    EmbeddedChannel channel = newChannel();
    byte[] poolNonce = Handshake.readChallenge(sent(channel));
    byte[] workerNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
    receive(channel, Handshake.proof(workerNonce, Handshake.workerMac(secret, poolNonce, workerNonce, "PoolWorker-1"), "PoolWorker-1"));

    byte[] welcome = Handshake.readWelcome(sent(channel));
    assertTrue(Handshake.sameMac(Handshake.poolMac(secret, poolNonce, workerNonce, "PoolWorker-1"), welcome));
    receive(channel, "hello".getBytes(UTF_8));
    assertArrayEquals("hello".getBytes(UTF_8), listener.nextFrame());
    waiting.send("task".getBytes(UTF_8));
    assertArrayEquals("task".getBytes(UTF_8), sent(channel));

    channel.close();
    assertNull(listener.awaitClosed());
    listener.assertClosedOnceAndLast(waiting);
    assertEquals(List.of(), log.all());
  }

  @Test
  void wrongProofIsClosedAndLoggedAndNothingReachesTheCore() throws Exception {
    EmbeddedChannel channel = newChannel();
    prove(channel, Handshake.randomBytes(NettyWireFormat.SECRET_BYTES), "PoolWorker-1", Handshake.randomBytes(32));

    assertFalse(channel.isOpen());
    assertEquals(1, log.containing("its proof of the pool's secret is wrong (it said it was worker 'PoolWorker-1')").size(), log.all().toString());
    assertEquals(List.of(), listener.events());
    assertTrue(waiting.attach(new EmbeddedChannel()), "the real worker can still connect");
  }

  @Test
  void silentConnectionIsClosedAtTheDeadline() {
    EmbeddedChannel channel = newChannel();
    channel.advanceTimeBy(DEADLINE.toMillis() - 1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isOpen(), "closed before the deadline");

    channel.advanceTimeBy(2, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertFalse(channel.isOpen());
    assertEquals(1, log.containing("did not prove it knows the pool's secret within 10000 ms").size(), log.all().toString());
  }

  @Test
  void frameOverTheHandshakeLimitIsClosedBeforeItIsBuffered() {
    EmbeddedChannel channel = newChannel();
    receiveHeader(channel, 1 << 20);
    assertFalse(channel.isOpen());
    assertEquals(1, log.containing("announced a frame of 1048576 bytes, over the limit of 512 bytes").size(), log.all().toString());
    assertEquals(List.of(), listener.events());
  }

  @Test
  void rightProofUnderANameNoWorkerWaitsForIsRefused() throws Exception {
    EmbeddedChannel channel = newChannel();
    prove(channel, secret, "PoolWorker-9", Handshake.randomBytes(32));
    assertFalse(channel.isOpen());
    assertEquals(1, log.containing("no worker named 'PoolWorker-9' is waiting").size(), log.all().toString());
  }

  @Test
  void secondConnectionUnderTheSameNameIsRefused() throws Exception {
    EmbeddedChannel first = newChannel();
    prove(first, secret, "PoolWorker-1", Handshake.randomBytes(32));
    assertTrue(first.isOpen());

    EmbeddedChannel second = newChannel();
    prove(second, secret, "PoolWorker-1", Handshake.randomBytes(32));
    assertFalse(second.isOpen());
    assertEquals(1, log.containing("no worker named 'PoolWorker-1' is waiting").size(), log.all().toString());
  }

  @Test
  void framesBeforeTheProofNeverReachTheCore() {
    EmbeddedChannel channel = newChannel();
    receive(channel, new byte[] {1, 2, 3}); // what a core frame could look like, unproven
    assertFalse(channel.isOpen());
    assertEquals(List.of(), listener.events());
    assertEquals(1, log.containing("too short").size(), log.all().toString());
  }

  @Test
  void aConnectionClosedBeforeItsProofIsAWarningWhileAWorkerIsAwaitedAndDebugOnceNoneIs() {
    assertEquals(List.of(Level.WARNING, Level.FINE), levelsOf("before proving", () -> {
      newChannel().close(); // PoolWorker-1 is awaited: this could have been a stranger
      assertTrue(waiting.attach(new EmbeddedChannel()), "PoolWorker-1 connects");
      newChannel().close(); // nobody is awaited now: what closes unproven put nothing at stake
    }));
  }

  /** Found at a pool's close: a worker that knows the secret, late, once the pool awaits none. */
  @Test
  void aRightProofFromAWorkerNobodyAwaitsIsAWarningWhileAWorkerIsAwaitedAndDebugOnceNoneIs() {
    assertEquals(List.of(Level.WARNING, Level.FINE), levelsOf("no worker named 'PoolWorker-2'", () -> {
      try {
        prove(newChannel(), secret, "PoolWorker-2", Handshake.randomBytes(32)); // PoolWorker-1 is awaited
        assertTrue(waiting.attach(new EmbeddedChannel()), "PoolWorker-1 connects");
        prove(newChannel(), secret, "PoolWorker-2", Handshake.randomBytes(32)); // nobody is awaited now
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }));
  }

  /** The levels of the transport's log records that contain {@code text}, logged while {@code action} ran. */
  private static List<Level> levelsOf(String text, Runnable action) {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger(NettyTransport.class.getPackageName());
    Level before = logger.getLevel();
    Handler recorder = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getMessage().contains(text)) {
          records.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.setLevel(Level.FINE);
    logger.addHandler(recorder);
    try {
      action.run();
      return records.stream().map(LogRecord::getLevel).collect(Collectors.toList());
    } finally {
      logger.removeHandler(recorder);
      logger.setLevel(before);
    }
  }
}
