package io.procpool.transport.netty;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.transport.netty.Handshake.HandshakeException;
import io.procpool.transport.netty.NettyWireFormat.FrameLimit;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * The worker's end of a Netty transport connection, on a plain blocking JDK socket: the pool
 * serves many workers and needs Netty's event loops; a worker holds one connection, which a
 * thread of its own reads, and answers from the thread that ran the task. Through a Netty channel
 * each answer crossed to the event loop and the task thread waited for it, ~40 us of CPU per task
 * on our machines. The bytes are the same, as {@link NettyWireFormat} defines them for both ends.
 */
final class WorkerSocketConnection implements Connection {
  private static final String PEER = "the pool";

  private final WorkerSocket socket;
  private final InputStream in;
  private final FrameLimit frameLimit;
  private final Object writeLock = new Object();
  private final AtomicBoolean reported = new AtomicBoolean();
  /** Set before this side closes the channel, so that the reader's failing read is no error. */
  private volatile boolean closing;
  private ConnectionListener listener;

  private WorkerSocketConnection(WorkerSocket socket, int maxFrameBytes) {
    this.socket = socket;
    this.in = socket.input();
    this.frameLimit = FrameLimit.configured(maxFrameBytes);
  }

  /**
   * Connects to the ticket's address and completes the handshake, then starts reading frames for
   * {@code listener}. Blocks until authenticated both ways, or fails saying why.
   */
  static WorkerSocketConnection connect(LaunchTicket ticket, ConnectionListener listener) throws IOException {
    Handshake.prepare();
    String where = "the pool at " + ticket.address();
    WorkerSocket socket;
    try {
      socket = WorkerSocket.connect(addressOf(ticket.address()), ticket.tlsPin());
    } catch (IOException e) {
      throw new IOException("cannot connect to " + where + ": " + e, e);
    }
    WorkerSocketConnection connection = new WorkerSocketConnection(socket, ticket.maxFrameBytes());
    // The pool judges a slow handshake; this only keeps a worker from waiting forever.
    long patienceMillis = 2 * ticket.authDeadline().toMillis();
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean timedOut = new AtomicBoolean();
    CompletableFuture.delayedExecutor(patienceMillis, TimeUnit.MILLISECONDS).execute(() -> {
      if (done.compareAndSet(false, true)) {
        timedOut.set(true);
        connection.close();
      }
    });
    try {
      connection.handshake(ticket);
    } catch (IOException e) {
      done.set(true);
      connection.close();
      if (timedOut.get()) {
        throw new IOException(where + " did not complete the handshake within " + patienceMillis + " ms", e);
      }
      if (e instanceof HandshakeException) {
        throw new IOException("cannot connect to " + where + ": " + e.getMessage(), e);
      }
      if (e instanceof SSLException) {
        throw new IOException("cannot connect to " + where + ": TLS failed: " + e.getMessage(), e);
      }
      throw new IOException("cannot connect to " + where + ": the pool closed the connection during the"
          + " handshake: it did not let this worker in (its log says why)", e);
    }
    if (!done.compareAndSet(false, true)) {
      throw new IOException(where + " did not complete the handshake within " + patienceMillis + " ms");
    }
    connection.listener = listener;
    Thread reader = new Thread(connection::readLoop, "procpool-netty-worker-reader");
    reader.setDaemon(true);
    reader.start();
    return connection;
  }

  /** {@code unix:/path} or {@code tcp:host:port}, as {@link SocketFlavor#addressText} wrote it. */
  static SocketAddress addressOf(String address) {
    if (address.startsWith(SocketFlavor.UNIX_PREFIX)) {
      return UnixDomainSocketAddress.of(address.substring(SocketFlavor.UNIX_PREFIX.length()));
    }
    int colon = address.lastIndexOf(':');
    if (!address.startsWith(SocketFlavor.TCP_PREFIX) || colon <= SocketFlavor.TCP_PREFIX.length()) {
      throw new IllegalArgumentException("not a procpool netty address: '" + address
          + "' (expected unix:/path or tcp:host:port)");
    }
    return new InetSocketAddress(address.substring(SocketFlavor.TCP_PREFIX.length(), colon),
        Integer.parseInt(address.substring(colon + 1)));
  }

  private void handshake(LaunchTicket ticket) throws IOException {
    socket.authenticatePool();
    byte[] workerNonce = Handshake.randomBytes(NettyWireFormat.NONCE_BYTES);
    byte[] poolNonce = Handshake.readChallenge(readHandshakeFrame());
    byte[] mac = Handshake.workerMac(ticket.secret(), poolNonce, workerNonce, ticket.workerName());
    send(Handshake.proof(workerNonce, mac, ticket.workerName()));
    byte[] expected = Handshake.poolMac(ticket.secret(), poolNonce, workerNonce, ticket.workerName());
    if (!Handshake.sameMac(expected, Handshake.readWelcome(readHandshakeFrame()))) {
      throw new HandshakeException("the process listening at " + ticket.address()
          + " does not know the pool's secret: it is not this worker's pool");
    }
  }

  private byte[] readHandshakeFrame() throws IOException {
    byte[] frame = readFrame(FrameLimit.HANDSHAKE);
    if (frame == null) {
      throw new EOFException("end of stream");
    }
    return frame;
  }

  /** One frame, or null at the end of the stream between frames. */
  private byte[] readFrame(FrameLimit limit) throws IOException {
    byte[] header = new byte[NettyWireFormat.LENGTH_BYTES];
    int got = in.readNBytes(header, 0, header.length);
    if (got == 0) {
      return null;
    }
    if (got < header.length) {
      throw new EOFException(PEER + " closed the connection inside a frame header");
    }
    int length = limit.check(NettyWireFormat.announcedLength(header), why -> new IOException(PEER + " " + why));
    byte[] frame = in.readNBytes(length);
    if (frame.length < length) {
      throw new EOFException(PEER + " closed the connection inside a frame of " + length + " bytes");
    }
    return frame;
  }

  private void readLoop() {
    Throwable reason = null;
    try {
      for (byte[] frame; (frame = readFrame(frameLimit)) != null; ) {
        listener.onFrame(frame);
      }
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        reason = e.getMessage() != null && e.getMessage().startsWith(PEER) ? e
            : new IOException("connection to " + PEER + " failed: " + e, e);
      }
    }
    close();
    report(reason);
  }

  /** Returns once the frame is written to the socket, as the core requires of a worker's send. */
  @Override
  public void send(byte[] frame) {
    synchronized (writeLock) {
      try {
        socket.write(NettyWireFormat.header(frame.length), frame);
      } catch (IOException e) {
        closeQuietly(); // the reader's read fails too, and it reports why
      }
    }
  }

  /** The pool's limit, from the launch ticket: the pool reads with the same as this side. */
  @Override
  public int maxFrameBytes() {
    return frameLimit.bytes();
  }

  @Override
  public void close() {
    closing = true;
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing more to do
    }
  }

  private void report(Throwable reason) {
    if (reported.compareAndSet(false, true) && listener != null) {
      listener.onClosed(reason);
    }
  }
}
