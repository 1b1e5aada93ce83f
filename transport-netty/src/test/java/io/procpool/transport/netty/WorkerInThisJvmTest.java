package io.procpool.transport.netty;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procpool.junit.PoolExtension;
import io.procpool.spi.Connection;
import io.procpool.transport.netty.NettyTransportOptions.SocketKind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pool's transport against the worker's endpoint, both in this JVM: the worker reads the
 * ticket the transport wrote to a fake process's stdin, as a real worker reads its own. After
 * each test's shutdown, pool-junit's leak check finds none of either side's threads alive.
 */
@ExtendWith(PoolExtension.class)
class WorkerInThisJvmTest {
  private NettyTransport transport;

  private NettyTransport transport(SocketKind kind, int maxFrameBytes) {
    transport = new NettyTransport(NettyTransportOptions.builder()
        .socketKind(kind).maxFrameBytes(maxFrameBytes).authDeadline(Duration.ofSeconds(5)).build());
    return transport;
  }

  @AfterEach
  void shutDown() {
    if (transport != null) {
      transport.shutdown();
    }
  }

  private static Connection openWorker(FakeWorkerProcess worker, RecordingListener listener) throws IOException {
    return new NettyWorkerEndpoint().open(worker.writtenToStdin(), OutputStream.nullOutputStream(), listener);
  }

  @ParameterizedTest
  @EnumSource(SocketKind.class)
  void framesFlowBothWaysAndAnOrderlyCloseReachesBothSides(SocketKind kind) throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-1");
    RecordingListener pool = new RecordingListener();
    Connection poolSide = transport(kind, 1 << 20).connect(worker, pool);
    RecordingListener workerListener = new RecordingListener();
    Connection workerSide = openWorker(worker, workerListener);

    workerSide.send("hello".getBytes(UTF_8));
    assertArrayEquals("hello".getBytes(UTF_8), pool.nextFrame());
    byte[] big = new byte[1 << 20];
    big[big.length - 1] = 42;
    poolSide.send(big);
    assertArrayEquals(big, workerListener.nextFrame());

    poolSide.close();
    assertNull(workerListener.awaitClosed());
    assertNull(pool.awaitClosed());
    pool.assertClosedOnceAndLast((NettyConnection) poolSide);
  }

  @Test
  void bothSidesTellTheConfiguredFrameLimitSoTheCoreSendsNoFrameTheOtherSideWouldRefuse() throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-2");
    Connection poolSide = transport(SocketKind.UNIX_DOMAIN, 65_536).connect(worker, new RecordingListener());
    assertEquals(65_536, poolSide.maxFrameBytes(), "known while still pending");
    Connection workerSide = openWorker(worker, new RecordingListener());

    assertEquals(65_536, workerSide.maxFrameBytes(), "from the launch ticket");
    poolSide.close();
  }

  @Test
  void workerThatExitsBeforeConnectingIsReportedOnceWithItsExitCode() throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-4");
    RecordingListener pool = new RecordingListener();
    Connection connection = transport(SocketKind.UNIX_DOMAIN, 4096).connect(worker, pool);
    worker.exitCode().complete(3);
    connection.close(); // as the core does a second after the exit
    assertTrue(pool.awaitClosed().getMessage().contains("PoolWorker-4 (pid -1) exited with code 3 before it connected"));
    pool.assertClosedOnceAndLast((NettyConnection) connection);
  }

  @Test
  void frameOverTheLimitFromAnAuthenticatedWorkerClosesItsConnectionNamingTheLimit() throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-1");
    RecordingListener pool = new RecordingListener();
    Connection poolSide = transport(SocketKind.TCP_LOOPBACK, 1024).connect(worker, pool);
    RecordingListener workerListener = new RecordingListener();
    Connection workerSide = openWorker(worker, workerListener);

    workerSide.send(new byte[1025]);
    String reason = pool.awaitClosed().getMessage();
    assertTrue(reason.contains("worker PoolWorker-1 (pid -1) announced a frame of 1025 bytes, over the limit of 1024"), reason);
    workerListener.awaitClosed();
    pool.assertClosedOnceAndLast((NettyConnection) poolSide);
  }

  @Test
  void workerWithAnotherPoolsSecretIsNotLetIn() throws Exception {
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-1");
    RecordingListener pool = new RecordingListener();
    transport(SocketKind.UNIX_DOMAIN, 4096).connect(worker, pool);
    LaunchTicket real = LaunchTicket.readFrom(worker.writtenToStdin());
    LaunchTicket forged = new LaunchTicket(real.workerName(), real.address(), Handshake.randomBytes(32),
        real.maxFrameBytes(), real.authDeadline());

    IOException refused = assertThrows(IOException.class, () -> WorkerSocketConnection.connect(forged, new RecordingListener()));
    assertTrue(refused.getMessage().contains("did not let this worker in"), refused.getMessage());
    assertFalse(pool.isClosed(), "the real worker may still connect");
  }

  @Test
  void unixSocketLivesInAPrivateDirectoryThatShutdownDeletes() throws Exception {
    NettyTransport unix = transport(SocketKind.UNIX_DOMAIN, 4096);
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-1");
    unix.connect(worker, new RecordingListener());
    worker.writtenToStdin(); // its ticket is out: the server listens
    Path directory = unix.socketDirectory();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
    assertTrue(Files.exists(directory.resolve("pool.sock")));

    unix.shutdown();
    assertFalse(Files.exists(directory), "shutdown left " + directory);
  }

  @Test
  void shutdownClosesConnectionsThenTheListeningSocketThenItsThreads() throws Exception {
    NettyTransport tcp = transport(SocketKind.TCP_LOOPBACK, 4096);
    RecordingListener waiting = new RecordingListener();
    FakeWorkerProcess worker = new FakeWorkerProcess("PoolWorker-1");
    tcp.connect(worker, waiting);
    worker.writtenToStdin(); // its ticket is out: the server listens
    InetSocketAddress address = (InetSocketAddress) tcp.listeningAddress();

    tcp.shutdown();
    assertNull(waiting.awaitClosed());
    assertThrows(IOException.class, () -> SocketChannel.open(address).close());
    assertTrue(tcp.threadsTerminated(), "the I/O or listener threads still run");
    RecordingListener late = new RecordingListener();
    tcp.connect(new FakeWorkerProcess("PoolWorker-2"), late);
    assertTrue(late.awaitClosed().getMessage().contains("has shut down"));
  }

  @Test
  void nothingListensBeforeTheFirstWorker() {
    assertNull(transport(SocketKind.UNIX_DOMAIN, 4096).listeningAddress());
  }
}
