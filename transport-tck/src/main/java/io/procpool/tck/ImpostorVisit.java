package io.procpool.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.Pool;
import io.procpool.spi.Connection;
import io.procpool.spi.WorkerProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One stranger's visit to a live pool, for {@link ImpostorContract}: a pool of one worker, a
 * worker JVM the kit connects on the pool's transport but which never connects back (the door the
 * stranger may try to pass through), the stranger's connection, and every check after it.
 */
final class ImpostorVisit {
  /** The worker whose door stays open: the kit's JVM that waits and never connects. */
  static final String WAITING_WORKER = "PoolWorker-tck-waiting";
  /** How long a silent stranger may stay; a transport's deadline for a peer's first word must be shorter. */
  static final Duration DISCONNECT_PATIENCE = Duration.ofSeconds(30);
  /** Shorter frames could match a stranger's bytes by chance; what strangers send here is longer. */
  private static final int SHORTEST_FRAME_COMPARED = 16;

  private final TransportTestKit kit;
  private final Pools pools;

  private ImpostorVisit(TransportTestKit kit, Pools pools) {
    this.kit = kit;
    this.pools = pools;
  }

  static ImpostorVisit of(TransportTestKit kit, Pools pools) {
    return new ImpostorVisit(kit, pools);
  }

  /**
   * Lets a stranger connect at the waiting worker's door and send {@code bytes}, while the pool
   * runs a task whose bytes it then looks for in what the stranger received; then checks the
   * stranger was turned away and the pool is as it was. {@code what} names the bytes in failures.
   */
  void sends(String what, Function<Impostor, byte[]> bytes) throws Exception {
    RecordingTransport transport = new RecordingTransport(kit.transportModule());
    Pool pool = pools.register(pools.builder(1).transport(transport.module()).build());
    long pid = pool.apply(TckTasks::pid);
    Impostor impostor = kit.impostor(transport.transport);
    try (KitLaunch.Launched launched = KitLaunch.launch(kit.transportModule(), transport.transport, WAITING_WORKER,
        WorkerThatWaits.class)) {
      WorkerProcess waiter = launched.process();
      ConnectionRecord waiting = ConnectionRecord.alone(waiter);
      Connection door = transport.transport.connect(waiter, waiting);
      try {
        byte[] sent = bytes.apply(impostor);
        byte[] marker = new byte[32];
        new SecureRandom().nextBytes(marker);
        byte[] received;
        try (ByteChannel stranger = impostor.connect(WAITING_WORKER)) {
          writeUnlessClosed(stranger, sent);
          assertArrayEquals(marker, pool.apply(TckTasks::echo, marker), "the pool's work while the stranger is there");
          received = readUntilClosed(stranger, what);
        }
        assertFalse(contains(received, marker), "a stranger that sent " + what + " received bytes of frames the core sent");
        assertEquals(0, waiting.frames(), "a stranger that sent " + what
            + " got frames through to the connection of the worker whose door was open");
        assertEquals(pid, pool.apply(TckTasks::pid), "the pool's worker was replaced after a stranger sent " + what);
        List<ConnectionRecord> connections = transport.records();
        assertEquals(1, connections.size(), "the core connected more than its worker: " + connections);
        for (byte[] frame : connections.get(0).keptFrames()) {
          assertFalse(frame.length >= SHORTEST_FRAME_COMPARED && contains(sent, frame),
              "a frame cut from the bytes of a stranger that sent " + what + " reached the core");
        }
      } finally {
        door.close();
      }
    }
  }

  /** A transport may close on the first bytes, before the rest are written: that is no failure. */
  private static void writeUnlessClosed(ByteChannel stranger, byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      while (buffer.hasRemaining()) {
        stranger.write(buffer);
      }
    } catch (IOException closedByThePool) {
      // the outcome under test
    }
  }

  /** What the pool sends the stranger until it closes the connection; fails if it does not in time. */
  private static byte[] readUntilClosed(ByteChannel stranger, String what) {
    AtomicBoolean done = new AtomicBoolean(); // by the pool's close, or by the timer: whichever sets it
    // A timer of its own, stopped below: the JDK's delayer thread, once started, never ends.
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    timer.schedule(() -> {
      if (done.compareAndSet(false, true)) {
        closeQuietly(stranger); // ends the read below
      }
    }, DISCONNECT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    try {
      while (stranger.read(buffer.clear()) >= 0) {
        received.write(buffer.array(), 0, buffer.position());
      }
    } catch (IOException e) {
      // reset by the pool (closed too), or closed by the timer above
    } finally {
      timer.shutdownNow();
    }
    assertTrue(done.compareAndSet(false, true), "a stranger that sent " + what + " was still connected after "
        + DISCONNECT_PATIENCE.toSeconds() + " s");
    return received.toByteArray();
  }

  private static void closeQuietly(ByteChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing is all we wanted
    }
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
