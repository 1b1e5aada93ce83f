package io.procpool.tck;

import static io.procpool.tck.TransportCapability.ACCEPTS_CONNECTIONS;
import static io.procpool.tck.TransportCapability.SEPARATE_PROCESSES;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Strangers at a live pool's door, through the transport's {@link Impostor}: one that sends
 * random bytes (a frame of them, as the transport frames, then more), one with a wrong proof of
 * the pool's secret, one that announces a 2 GiB frame, one that says nothing. Each time a worker's door is open (the kit has connected the pool's side of a
 * worker that never comes), and each time the stranger must be turned away: its connection
 * closed (the silent one's within {@link ImpostorVisit#DISCONNECT_PATIENCE}), nothing the core
 * sent in what it received, nothing it sent handed to the core, not even as the waiting worker,
 * and the pool serving on with the same worker. Needs {@link TransportCapability#ACCEPTS_CONNECTIONS},
 * and {@link TransportCapability#SEPARATE_PROCESSES} for the worker JVM that keeps the door open.
 */
public interface ImpostorContract extends TransportTestKit {

  /**
   * A stranger that sends a frame of random bytes, then more, is turned away; the failure names the
   * random seed.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires({ACCEPTS_CONNECTIONS, SEPARATE_PROCESSES})
  default void impostorSendingRandomBytesIsTurnedAway(Pools pools) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    byte[] framed = new byte[256];
    byte[] loose = new byte[4096];
    random.nextBytes(framed);
    random.nextBytes(loose);
    ImpostorVisit.of(this, pools).sends("a frame of 256 random bytes, then 4 KiB more (seed " + seed + ")",
        impostor -> joined(impostor.frameOf(framed), loose));
  }

  /**
   * A stranger that knows the protocol but not the secret, sending a wrong proof, is turned away.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires({ACCEPTS_CONNECTIONS, SEPARATE_PROCESSES})
  default void impostorWithAWrongProofIsTurnedAway(Pools pools) throws Exception {
    ImpostorVisit.of(this, pools).sends("a wrong proof", impostor -> impostor.wrongProof(ImpostorVisit.WAITING_WORKER));
  }

  /**
   * A stranger that announces a frame of 2 GiB - 1 bytes is turned away without the pool allocating
   * it.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires({ACCEPTS_CONNECTIONS, SEPARATE_PROCESSES})
  default void impostorAnnouncingAHugeFrameIsTurnedAway(Pools pools) throws Exception {
    ImpostorVisit.of(this, pools).sends("a length of 2 GiB - 1", Impostor::hugeLength);
  }

  /**
   * A stranger that connects and says nothing is disconnected within
   * {@link ImpostorVisit#DISCONNECT_PATIENCE}.
   *
   * @param pools the test's pools, terminated after it
   * @throws Exception if a pool call fails unexpectedly, which fails the test
   */
  @Test
  @Requires({ACCEPTS_CONNECTIONS, SEPARATE_PROCESSES})
  default void silentImpostorIsTurnedAway(Pools pools) throws Exception {
    ImpostorVisit.of(this, pools).sends("nothing", impostor -> new byte[0]);
  }

  private static byte[] joined(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
