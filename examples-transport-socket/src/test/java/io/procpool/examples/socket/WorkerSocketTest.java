package io.procpool.examples.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One worker's socket: only the peer with the token gets in, and it gets in after a stranger. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WorkerSocketTest {
  @TempDir
  Path directory;

  private final WorkerToken token = WorkerToken.random();

  private WorkerSocket open(Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
    return new WorkerSocket(server, socket, token, "PoolWorker-7");
  }

  private static SocketChannel connect(Path socket, byte[] first) throws IOException {
    SocketChannel peer = SocketChannel.open(UnixDomainSocketAddress.of(socket));
    ByteBuffer bytes = ByteBuffer.wrap(first);
    while (bytes.hasRemaining()) {
      peer.write(bytes);
    }
    return peer;
  }

  private static CompletableFuture<SocketChannel> accepting(WorkerSocket door) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return door.get();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Test
  void strangerWithAWrongTokenIsClosedAndTheWorkerAfterItGetsIn() throws Exception {
    Path socket = directory.resolve("PoolWorker-7.sock");
    WorkerSocket door = open(socket);
    CompletableFuture<SocketChannel> accepted = accepting(door);
    try (SocketChannel stranger = connect(socket, WorkerToken.random().bytes())) {
      assertEquals(-1, stranger.read(ByteBuffer.allocate(1)), "the stranger's connection was closed");
      assertFalse(accepted.isDone(), "the socket handed over a stranger");
      try (SocketChannel worker = connect(socket, token.bytes());
           SocketChannel inside = accepted.get(10, TimeUnit.SECONDS)) {
        worker.write(ByteBuffer.wrap(new byte[] {42}));
        ByteBuffer first = ByteBuffer.allocate(1);
        inside.read(first);
        assertEquals(42, first.get(0), "the worker's bytes after its token are the connection's");
      }
    }
    assertFalse(Files.exists(socket), "the socket is gone once its worker is in");
  }

  @Test
  void abortWhileASilentStrangerIsJudgedEndsTheWaitAtOnce() throws Exception {
    Path socket = directory.resolve("PoolWorker-7.sock");
    WorkerSocket door = open(socket);
    CompletableFuture<SocketChannel> accepted = accepting(door);
    try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      Thread.sleep(200); // the socket has accepted it and is waiting for its token
      long start = System.nanoTime();
      door.abort();
      ExecutionException failure = assertThrows(ExecutionException.class, () -> accepted.get(10, TimeUnit.SECONDS));
      assertTrue(failure.getCause() instanceof java.io.UncheckedIOException, failure.toString());
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(tookMillis < WorkerSocket.TOKEN_DEADLINE.toMillis(), "abort took " + tookMillis + " ms");
    }
  }
}
