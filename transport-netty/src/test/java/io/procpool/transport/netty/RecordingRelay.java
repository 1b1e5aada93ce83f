package io.procpool.transport.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A TCP relay on loopback that keeps every byte it passes, both ways: what an eavesdropper on the
 * wire between a worker and its pool would see. One connection.
 */
final class RecordingRelay implements AutoCloseable {
  private final ServerSocket listener;
  private final SocketAddress target;
  private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
  private Socket in;
  private Socket out;

  RecordingRelay(SocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::relay, "recording-relay");
    accept.setDaemon(true);
    accept.start();
  }

  /** Where to connect instead of the target, as a netty address text. */
  String address() {
    return SocketFlavor.TCP_PREFIX + "127.0.0.1:" + listener.getLocalPort();
  }

  private void relay() {
    try {
      in = listener.accept();
      out = new Socket();
      out.connect(target);
      copy(in.getInputStream(), out.getOutputStream(), "relay-to-target");
      copy(out.getInputStream(), in.getOutputStream(), "relay-to-client");
    } catch (IOException e) {
      // closed
    }
  }

  private void copy(InputStream from, OutputStream to, String name) {
    Thread copier = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = from.read(buffer)) > 0; ) {
          synchronized (seen) {
            seen.write(buffer, 0, n);
          }
          to.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // one side closed
      }
      close();
    }, name);
    copier.setDaemon(true);
    copier.start();
  }

  /** Every byte relayed so far, both directions together. */
  byte[] seen() {
    synchronized (seen) {
      return seen.toByteArray();
    }
  }

  @Override
  public void close() {
    for (AutoCloseable closeable : new AutoCloseable[] {listener, in, out}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // closing
      }
    }
  }
}
