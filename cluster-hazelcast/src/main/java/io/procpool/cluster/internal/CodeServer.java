package io.procpool.cluster.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.procpool.transport.netty.internal.TlsIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where agents fetch the pool's jars: {@code GET /jar/SHA256}, with this server's token (random,
 * per pool, sent to agents only inside sealed launch requests) in a header. The JDK's own HTTP
 * server, since a handful of files per agent needs no more. Agents check each jar's hash against
 * the sealed request, so a jar altered on the way is refused. On any address but loopback it is
 * HTTPS, with a certificate made for this pool whose pin goes in the sealed request: the token and
 * the user's code do not cross a network in the clear.
 */
public final class CodeServer implements AutoCloseable {
  static final String TOKEN_HEADER = "X-Procpool-Token";
  private static final System.Logger LOG = System.getLogger("io.procpool.cluster");

  private final ShippedJars jars;
  private final byte[] token = new byte[32];
  private final HttpServer server;
  /** The pin of the HTTPS certificate, or "" on loopback (plain HTTP). */
  private final String pin;
  private final ExecutorService threads = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "procpool-code-server");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong bytesServed = new AtomicLong();

  /**
   * Serves {@code jars} on {@code port} of {@code address}: HTTPS unless it is loopback.
   *
   * @param jars what to serve
   * @param address where to listen
   * @param port the port, or 0 for one the system chooses
   * @throws IOException if it cannot listen there
   */
  public CodeServer(ShippedJars jars, InetAddress address, int port) throws IOException {
    this.jars = jars;
    new SecureRandom().nextBytes(token);
    InetSocketAddress where = new InetSocketAddress(address, port);
    if (address.isLoopbackAddress()) {
      this.server = HttpServer.create(where, 16);
      this.pin = "";
    } else {
      TlsIdentity identity = TlsIdentity.generate("procpool code server " + ProcessHandle.current().pid());
      HttpsServer https = HttpsServer.create(where, 16);
      https.setHttpsConfigurator(new HttpsConfigurator(identity.serverContext()));
      this.server = https;
      this.pin = identity.pin();
    }
    server.createContext("/jar/", this::serve);
    server.setExecutor(threads);
    server.start();
  }

  /** {@return the base URL agents fetch from} */
  public String url() {
    String host = server.getAddress().getAddress().getHostAddress();
    return (pin.isEmpty() ? "http://" : "https://") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":"
        + server.getAddress().getPort();
  }

  /** {@return the pin of this server's certificate, or "" when it serves plain HTTP on loopback} */
  public String pin() {
    return pin;
  }

  /** {@return the token agents must present, as text} */
  public String token() {
    return HexFormat.of().formatHex(token);
  }

  /** {@return the bytes of jars served so far, to all agents} */
  long bytesServed() {
    return bytesServed.get();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String presented = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
      if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
          token().getBytes(StandardCharsets.US_ASCII))) {
        LOG.log(System.Logger.Level.WARNING, "refused a jar request from {0} without this pool''s token",
            exchange.getRemoteAddress());
        exchange.sendResponseHeaders(403, -1);
        return;
      }
      Path file = jars.file(exchange.getRequestURI().getPath().substring("/jar/".length()));
      if (!"GET".equals(exchange.getRequestMethod()) || file == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(file);
      exchange.sendResponseHeaders(200, size);
      try (OutputStream body = exchange.getResponseBody()) {
        Files.copy(file, body);
      }
      bytesServed.addAndGet(size);
    }
  }

  /** Stops serving. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
