package io.procpool.examples.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The socket one worker connects to. It accepts until a peer presents the worker's token within
 * the deadline, closing (and logging) every other, then removes the socket and hands over the
 * worker's channel: no byte from a peer without the token is ever read as a frame. Peers are
 * judged one at a time, so a silent one holds the worker back until the deadline: a small price
 * for a small example.
 */
final class WorkerSocket implements SocketConnection.ChannelSource {
  static final Duration TOKEN_DEADLINE = Duration.ofSeconds(5);
  private static final System.Logger LOG = System.getLogger(WorkerSocket.class.getPackageName());

  private final ServerSocketChannel server;
  private final Path socket;
  private final WorkerToken token;
  private final String worker;
  private volatile SocketChannel candidate;
  /** The selector a peer is being judged on, for abort() to wake. */
  private volatile Selector waiting;

  WorkerSocket(ServerSocketChannel server, Path socket, WorkerToken token, String worker) {
    this.server = server;
    this.socket = socket;
    this.token = token;
    this.worker = worker;
  }

  @Override
  public SocketChannel get() throws IOException {
    try (server) {
      while (true) {
        SocketChannel peer = server.accept();
        candidate = peer;
        if (presentsToken(peer)) {
          return peer;
        }
        peer.close();
        LOG.log(System.Logger.Level.WARNING, "socket example: closed a connection to the socket of " + worker
            + " that did not present its token within " + TOKEN_DEADLINE.toMillis() + " ms");
      }
    } finally {
      candidate = null;
      Files.deleteIfExists(socket);
    }
  }

  /**
   * Reads the token's bytes, and nothing past them, until the deadline: without blocking, so
   * that the deadline needs no timer thread (the JDK's, once started, never ends).
   */
  private boolean presentsToken(SocketChannel peer) {
    ByteBuffer presented = ByteBuffer.allocate(WorkerToken.BYTES);
    long deadline = System.nanoTime() + TOKEN_DEADLINE.toNanos();
    try (Selector selector = Selector.open()) {
      waiting = selector;
      peer.configureBlocking(false);
      peer.register(selector, SelectionKey.OP_READ);
      while (presented.hasRemaining()) {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (leftMillis <= 0) {
          return false;
        }
        selector.select(leftMillis);
        selector.selectedKeys().clear();
        if (peer.read(presented) < 0) {
          return false;
        }
      }
    } catch (IOException e) {
      return false; // the peer hung up, or abort() closed it
    } finally {
      waiting = null;
    }
    try {
      peer.configureBlocking(true); // for SocketConnection's reads; the selector, closed, let go of it
    } catch (IOException e) {
      return false;
    }
    return token.matches(presented.array());
  }

  /** Stops waiting: closes the socket and whichever peer is being judged. */
  @Override
  public void abort() throws IOException {
    server.close();
    SocketChannel judging = candidate;
    if (judging != null) {
      closeQuietly(judging);
    }
    Selector selector = waiting;
    if (selector != null) {
      selector.wakeup();
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing is all we wanted
    }
  }
}
