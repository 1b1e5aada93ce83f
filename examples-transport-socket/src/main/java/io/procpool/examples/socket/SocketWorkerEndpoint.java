package io.procpool.examples.socket;

import io.procpool.spi.Connection;
import io.procpool.spi.ConnectionListener;
import io.procpool.spi.WorkerEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The worker's side: reads its socket's path and its token from stdin, connects, and presents the
 * token before any frame. Public: created by name.
 */
public final class SocketWorkerEndpoint implements WorkerEndpoint {

  @Override
  public Connection open(InputStream stdin, OutputStream stdout, ConnectionListener listener) throws IOException {
    String path = readLine(stdin);
    WorkerToken token = WorkerToken.parse(readLine(stdin));
    SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
    ByteBuffer presented = ByteBuffer.wrap(token.bytes());
    while (presented.hasRemaining()) {
      channel.write(presented);
    }
    return new SocketConnection("the pool", listener).start(channel, "socket-example-reader");
  }

  /** A line of stdin; a plain loop, as stdin is a pipe that cannot be read ahead of. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("no socket path and token on standard input: start this worker from a pool");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** False: the socket carries the frames (the worker carries what tasks print inside them). */
  @Override
  public boolean usesStandardOutput() {
    return false;
  }
}
