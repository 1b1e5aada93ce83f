package io.procpool.transport.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.junit.PoolExtension;
import io.procpool.spi.Connection;
import io.procpool.transport.netty.NettyTransportOptions.Tls;
import io.procpool.transport.netty.internal.TlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pool's TLS against the worker's, both in this JVM, with a recording relay on the wire where
 * a test needs to see what an eavesdropper would.
 */
@ExtendWith(PoolExtension.class)
class TlsConnectionTest {
  private NettyTransport transport;
  private RecordingRelay relay;

  private NettyTransport transport(Tls tls) {
    transport = new NettyTransport(NettyTransportOptions.builder().socketKind(NettyTransportOptions.SocketKind.TCP_LOOPBACK)
        .tls(tls).authDeadline(Duration.ofSeconds(5)).build());
    return transport;
  }

  @AfterEach
  void shutDown() {
    if (relay != null) {
      relay.close();
    }
    if (transport != null) {
      transport.shutdown();
    }
  }

  @Test
  void overTlsTheTicketPinsTheCertificateAndFramesFlowBothWays() throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-1");
    RecordingListener pool = new RecordingListener();
    Connection poolSide = transport(Tls.ALWAYS).connect(worker, pool);
    LaunchTicket ticket = LaunchTicket.readFrom(worker.writtenToStdin());
    assertNotNull(ticket.tlsPin(), "a TLS pool's ticket names its certificate");
    RecordingListener workerListener = new RecordingListener();
    Connection workerSide = WorkerSocketConnection.connect(ticket, workerListener);

    workerSide.send("hello".getBytes(UTF_8));
    assertArrayEquals("hello".getBytes(UTF_8), pool.nextFrame());
    byte[] big = new byte[3 << 20]; // larger than a TLS record, many times
    new SecureRandom().nextBytes(big);
    poolSide.send(big);
    assertArrayEquals(big, workerListener.nextFrame());
    workerSide.send(big);
    assertArrayEquals(big, pool.nextFrame());

    poolSide.close();
    assertNull(workerListener.awaitClosed());
    assertNull(pool.awaitClosed());
  }

  @Test
  void anEavesdropperOnTheWireSeesNeitherTheFramesNorTheSecretNorTheWorkersName() throws Exception {
    byte[] seen = relayedBytesOfOneExchange(Tls.ALWAYS);
    assertFalse(contains(seen, MARKER), "a frame's bytes crossed the wire in the clear");
    assertFalse(contains(seen, transport.secret()), "the pool's secret crossed the wire in the clear");
    assertFalse(contains(seen, "PoolWorker-7".getBytes(UTF_8)), "the worker's name crossed the wire in the clear");
  }

  /** The relay does see a plain connection's frames: so the test above can fail. */
  @Test
  void onAPlainConnectionTheSameEavesdropperSeesTheFrames() throws Exception {
    byte[] seen = relayedBytesOfOneExchange(Tls.UNLESS_LOOPBACK);
    assertTrue(contains(seen, MARKER), "the relay saw " + seen.length + " bytes, but not the frame");
  }

  private static final byte[] MARKER = "a task's bytes, which only the pool and its worker may read".getBytes(UTF_8);

  private byte[] relayedBytesOfOneExchange(Tls tls) throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-7");
    RecordingListener pool = new RecordingListener();
    Connection poolSide = transport(tls).connect(worker, pool);
    LaunchTicket ticket = LaunchTicket.readFrom(worker.writtenToStdin());
    relay = new RecordingRelay(WorkerSocketConnection.addressOf(ticket.address()));
    RecordingListener workerListener = new RecordingListener();
    Connection workerSide = WorkerSocketConnection.connect(throughRelay(ticket, ticket.tlsPin()), workerListener);
    workerSide.send(MARKER);
    assertArrayEquals(MARKER, pool.nextFrame());
    poolSide.send(MARKER);
    assertArrayEquals(MARKER, workerListener.nextFrame());
    poolSide.close();
    workerListener.awaitClosed();
    return relay.seen();
  }

  private LaunchTicket throughRelay(LaunchTicket ticket, String pin) {
    return new LaunchTicket(ticket.workerName(), relay.address(), ticket.secret(), ticket.maxFrameBytes(),
        ticket.authDeadline(), pin);
  }

  @Test
  void aWorkerToldToExpectAnotherCertificateRefusesThePoolBeforeItSaysAnything() throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-2");
    transport(Tls.ALWAYS).connect(worker, new RecordingListener());
    LaunchTicket ticket = LaunchTicket.readFrom(worker.writtenToStdin());
    relay = new RecordingRelay(WorkerSocketConnection.addressOf(ticket.address()));
    String otherPin = TlsIdentity.generate("someone else").pin();

    IOException refused = assertThrows(IOException.class,
        () -> WorkerSocketConnection.connect(throughRelay(ticket, otherPin), new RecordingListener()));
    assertTrue(refused.getMessage().contains("TLS failed") && refused.getMessage().contains("is not the one"),
        refused.getMessage());
    assertFalse(contains(relay.seen(), "PoolWorker-2".getBytes(UTF_8)), "the worker named itself to a stranger");
  }

  @Test
  void aWorkerThatSpeaksPlainToATlsPoolIsNotLetIn() throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-3");
    RecordingListener pool = new RecordingListener();
    Connection poolSide = transport(Tls.ALWAYS).connect(worker, pool);
    LaunchTicket ticket = LaunchTicket.readFrom(worker.writtenToStdin());
    LaunchTicket plain = new LaunchTicket(ticket.workerName(), ticket.address(), ticket.secret(),
        ticket.maxFrameBytes(), ticket.authDeadline(), null);

    IOException refused = assertThrows(IOException.class, () -> WorkerSocketConnection.connect(plain, new RecordingListener()));
    assertTrue(refused.getMessage().contains("cannot connect to the pool at"), refused.getMessage());
    assertFalse(pool.isClosed(), "the pool still waits for the real worker");
    poolSide.close();
  }

  @Test
  void tlsIsOnForEveryAddressButLoopbackAndCanBeAskedForThere() throws Exception {
    InetAddress elsewhere = InetAddress.getByName("192.0.2.10"); // parsed, not reached
    assertTrue(NettyTransportOptions.builder().tcp(elsewhere).build().encrypted());
    assertFalse(NettyTransportOptions.builder().tcp(InetAddress.getLoopbackAddress()).build().encrypted());
    assertFalse(NettyTransportOptions.builder().socketKind(NettyTransportOptions.SocketKind.TCP_LOOPBACK).build().encrypted());
    assertFalse(NettyTransportOptions.defaults().encrypted());
    assertTrue(NettyTransportOptions.builder().tcp(InetAddress.getLoopbackAddress()).tls(Tls.ALWAYS).build().encrypted());
    assertEquals(elsewhere, NettyTransportOptions.builder().tcp(elsewhere).build().tcpAddress());
  }

  @Test
  void aPortOfTheUsersChoosingIsWhereThePoolListensAndWhatTheTicketSays() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    transport = new NettyTransport(NettyTransportOptions.builder().tcp(InetAddress.getLoopbackAddress(), port).build());
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-5");
    transport.connect(worker, new RecordingListener());
    assertEquals("tcp:127.0.0.1:" + port, LaunchTicket.readFrom(worker.writtenToStdin()).address());
    assertEquals(port, ((java.net.InetSocketAddress) transport.listeningAddress()).getPort());
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> NettyTransportOptions.builder().tcp(InetAddress.getLoopbackAddress(), 70000));
    assertTrue(refused.getMessage().contains("not 70000"), refused.getMessage());
  }

  @Test
  void theWildcardAddressAndTlsOnAUnixSocketAreRefusedSayingWhy() throws Exception {
    IllegalArgumentException wildcard = assertThrows(IllegalArgumentException.class,
        () -> NettyTransportOptions.builder().tcp(InetAddress.getByName("0.0.0.0")));
    assertTrue(wildcard.getMessage().contains("0.0.0.0 is the wildcard"), wildcard.getMessage());
    IllegalStateException unix = assertThrows(IllegalStateException.class,
        () -> NettyTransportOptions.builder().tls(Tls.ALWAYS).build());
    assertTrue(unix.getMessage().contains("TLS runs over TCP"), unix.getMessage());
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
