package io.procpool.examples.socket;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.Transport;
import io.procpool.spi.WorkerLaunchSpec;
import io.procpool.spi.WorkerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pool's side: one Unix domain socket per worker, in a directory only this user may enter
 * (mode 0700). The worker learns its socket's path and its {@link WorkerToken} on its standard
 * input; its {@link WorkerSocket} lets in only a peer that presents the token, and is gone once
 * the worker connected.
 */
final class SocketTransport implements Transport {
  private final Set<SocketConnection> connections = ConcurrentHashMap.newKeySet();
  private Path directory; // created when the first worker connects; guarded by this

  @Override
  public void configure(WorkerLaunchSpec spec) {
    spec.endpointClass(SocketWorkerEndpoint.class.getName());
    spec.stdout(WorkerLaunchSpec.Stdout.INHERIT); // the socket carries frames; prints go straight out
  }

  @Override
  public Connection connect(WorkerProcess worker, ConnectionListener listener) {
    SocketConnection connection = new SocketConnection("worker " + worker.name(), listener);
    connections.add(connection);
    String thread = "socket-example-" + worker.name();
    try {
      Path socket = directory().resolve(worker.name() + ".sock");
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
          .bind(UnixDomainSocketAddress.of(socket));
      WorkerToken token = WorkerToken.random();
      try (OutputStream stdin = worker.stdin()) {
        stdin.write((socket + "\n" + token.hex() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return connection.start(new WorkerSocket(server, socket, token, worker.name()), thread);
    } catch (IOException e) {
      return connection.start(() -> {
        throw new IOException("cannot connect worker " + worker.name() + ": " + e.getMessage(), e);
      }, thread);
    }
  }

  private synchronized Path directory() throws IOException {
    if (directory == null) {
      directory = Files.createTempDirectory("procpool-socket-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return directory;
  }

  @Override
  public void shutdown() {
    List.copyOf(connections).forEach(SocketConnection::close);
    Path created;
    synchronized (this) {
      created = directory;
    }
    if (created != null) {
      try (var leftovers = Files.list(created)) { // sockets of workers that never connected
        for (Path file : (Iterable<Path>) leftovers::iterator) {
          Files.deleteIfExists(file);
        }
        Files.deleteIfExists(created);
      } catch (IOException e) {
        // best effort: a temporary directory left behind is no worse than that
      }
    }
  }

  /** Where this pool's sockets are, or null before its first worker; for tests. */
  synchronized Path socketDirectory() {
    return directory;
  }
}
