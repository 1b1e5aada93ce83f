package io.procpool.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The pool's side of the Netty transport. Each worker gets its launch ticket (address and the
 * pool's secret) on its standard input, connects, proves it knows the secret, and is matched to
 * the connection that waits under its name.
 */
final class NettyTransport implements Transport {
  static final String WORKER_ALLOCATOR_PROPERTY = "io.netty.allocator.type";
  private static final String CONTROL_THREAD = "procpool-netty-control";

  private final NettyTransportOptions options;
  /** Connections not yet closed, pending or attached, by worker name. */
  private final Map<String, NettyConnection> connections = new ConcurrentHashMap<>();
  /**
   * Tells connections that never had a channel that they closed (never inside the close() that
   * caused it), and loads the MAC's provider once the server is open; its thread starts when
   * there is work and ends when idle.
   */
  private final ThreadPoolExecutor control = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), runnable -> {
        Thread thread = new Thread(runnable, CONTROL_THREAD);
        thread.setDaemon(true);
        return thread;
      });
  /** The I/O threads, which also call the listeners; made with the server, their threads start as channels come. */
  private volatile IoThreads io; // written under this
  private NettyServer server; // guarded by this
  /** Made with the server: a cold JVM takes a while to seed its first SecureRandom, and only tickets need it. */
  private volatile byte[] secret; // written under this
  /** The pin of the server's certificate when it listens with TLS, else null; made with the server. */
  private volatile String tlsPin; // written under this
  private boolean shutDown; // guarded by this

  NettyTransport(NettyTransportOptions options) {
    this.options = options;
  }

  /**
   * Besides the endpoint: a worker has one connection and short-lived buffers, which Netty's
   * unpooled allocator serves as well as its default one, and sets up faster (measured: a pool's
   * first result about 0.1 s sooner, 380 instead of 490 ms). A user's own choice wins.
   */
  @Override
  public void configure(WorkerLaunchSpec spec) {
    spec.endpointClass(NettyWorkerEndpoint.class.getName());
    spec.stdout(WorkerLaunchSpec.Stdout.INHERIT);
    spec.systemProperties().putIfAbsent(WORKER_ALLOCATOR_PROPERTY, "unpooled");
  }

  /**
   * The first worker's connect opens the server, on the pool's launching thread, while that
   * worker's JVM starts; later ones find it open and return at once. Measured on two cores, a
   * control thread that opened it while the pool went on to launch the next worker made the first
   * result later, not sooner: three starts on two CPUs instead of two.
   */
  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    String peer = "worker " + worker.name() + " (pid " + worker.pid() + ")";
    NettyConnection connection = new NettyConnection(peer, listener, this::onControlThread, this::onIoThread,
        options.maxFrameBytes());
    NettyServer listening;
    try {
      listening = server();
    } catch (IOException | RuntimeException e) {
      connection.failIfPending("cannot connect " + peer + ": " + e.getMessage());
      return connection;
    }
    connections.put(worker.name(), connection);
    connection.whenClosed(() -> connections.remove(worker.name(), connection));
    worker.exitCode().thenAccept(code -> connection.failIfPending(
        peer + (code == null ? " was gone" : " exited with code " + code) + " before it connected to the pool"));
    handTicket(worker, connection, listening.address());
    return connection;
  }

  /** On the control thread, after what it was given before; on this one once the transport has shut down. */
  private void onControlThread(Runnable work) {
    try {
      control.execute(work);
    } catch (RejectedExecutionException e) {
      work.run(); // late rather than never
    }
  }

  private boolean onIoThread() {
    IoThreads threads = io;
    return threads != null && threads.runsHere();
  }

  /** The ticket goes through stdin, which is then closed: the worker needs nothing more from it. */
  private void handTicket(WorkerProcess worker, NettyConnection connection, String address) {
    LaunchTicket ticket = new LaunchTicket(worker.name(), address, secret, options.maxFrameBytes(), options.authDeadline(),
        tlsPin);
    try (OutputStream stdin = worker.stdin()) {
      ticket.writeTo(stdin);
    } catch (IOException e) {
      connection.failIfPending("cannot hand " + connection.peer() + " its launch ticket through its"
          + " standard input (did it exit at once?): " + e.getMessage());
    }
  }

  /** The listening server, opened on first use. */
  private synchronized NettyServer server() throws IOException {
    if (shutDown) {
      throw new IOException("the netty transport of this pool has shut down");
    }
    if (server == null) {
      byte[] key = secret == null ? Handshake.randomBytes(NettyWireFormat.SECRET_BYTES) : secret;
      secret = key;
      IoThreads threads = io == null ? new IoThreads(SocketFlavor.of(options), "procpool-netty-io") : io;
      io = threads;
      ServerTls tls = options.encrypted() ? ServerTls.generate() : null;
      tlsPin = tls == null ? null : tls.pin();
      server = NettyServer.open(SocketFlavor.of(options), threads, new ChannelInitializer<Channel>() {
        @Override
        protected void initChannel(Channel channel) {
          threads.track(channel);
          if (tls != null) {
            tls.addTo(channel);
          }
          FramePipeline.handshake(channel.pipeline(), new ParentHandshakeHandler(key, connections::get,
              () -> connections.values().stream().anyMatch(NettyConnection::awaitsWorker),
              options.authDeadline(), options.maxFrameBytes()));
        }
      });
      // After the tickets already asked for: loads the MAC's provider before the first worker's proof comes.
      onControlThread(Handshake::prepare);
    }
    return server;
  }

  /**
   * Closes what is still open and waits (briefly) until each listener has been told, then stops
   * listening and stops the threads.
   */
  @Override
  public void shutdown() {
    NettyServer listening;
    IoThreads threads;
    synchronized (this) {
      if (shutDown) {
        return;
      }
      shutDown = true;
      listening = server;
      threads = io;
    }
    List<NettyConnection> open = List.copyOf(connections.values());
    open.forEach(NettyConnection::close);
    if (!isControlThread() && !onIoThread()) { // those are the threads that tell the listeners
      Quietly.await(open.stream().map(NettyConnection::closed).collect(Collectors.toList()));
    }
    if (listening != null) {
      listening.close();
    }
    if (threads != null) {
      Quietly.shutDown(threads.group());
    }
    control.shutdown();
    if (!isControlThread()) {
      Quietly.awaitTermination(control);
    }
  }

  private boolean isControlThread() {
    return Thread.currentThread().getName().equals(CONTROL_THREAD);
  }

  /** Whether connections are encrypted; for tests. */
  boolean encrypted() {
    return options.encrypted();
  }

  /** Where the pool listens, or null before its first worker; for tests. */
  synchronized SocketAddress listeningAddress() {
    return server == null ? null : server.localAddress();
  }

  /** The private directory of the Unix domain socket, or null; for tests. */
  synchronized java.nio.file.Path socketDirectory() {
    return server == null ? null : server.directory();
  }

  /** Whether every thread this transport started has stopped; for tests. */
  synchronized boolean threadsTerminated() {
    return (io == null || io.terminated()) && control.isTerminated();
  }

  /** For tests that look for it where it must not be; there once the first ticket is out. */
  byte[] secret() {
    return secret.clone();
  }
}
