package io.procpool.cluster.internal.agent;

import io.procpool.cluster.internal.ShippedJars;
import io.procpool.transport.netty.internal.PinnedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * The jars an agent holds, each stored under the SHA-256 of its bytes: a jar is fetched from a
 * pool's code server only the first time any pool needs it, and kept for later workers and pools.
 * A fetched jar whose hash is not the one the sealed request named is thrown away. Over HTTPS the
 * server must present the certificate the sealed request pins; plain HTTP is taken from loopback
 * only. {@code HttpURLConnection} rather than {@code HttpClient}: a client per pool's pin would
 * keep a selector thread each until collected, and a handful of sequential downloads needs none.
 */
public final class JarCache {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private final Path directory;
  private final AtomicLong fetchedBytes = new AtomicLong();

  /**
   * Keeps jars in {@code directory}, made if missing.
   *
   * @param directory where the jars are kept
   * @throws IOException if it cannot be made
   */
  public JarCache(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  /**
   * The local class path for {@code jars} ("SHA256 NAME" each), fetching what is missing from
   * {@code codeUrl}, whose certificate is {@code pin} ("" for plain HTTP on loopback).
   *
   * @param jars the jars, {@code "SHA256 NAME"} each, in class path order
   * @param codeUrl the pool's code server
   * @param token the pool's token
   * @param pin the code server's certificate pin, or ""
   * @return the local paths, in order
   * @throws IOException if a jar cannot be fetched or arrives altered
   */
  public List<String> classPath(List<String> jars, String codeUrl, String token, String pin) throws IOException {
    List<String> classPath = new ArrayList<>();
    SSLSocketFactory tls = null;
    for (String jar : jars) {
      String sha = jar.substring(0, jar.indexOf(' '));
      if (!sha.matches("[0-9a-f]{64}")) {
        throw new IOException("not a SHA-256 in the launch request: " + sha);
      }
      Path file = directory.resolve(sha + ".jar");
      if (!Files.isRegularFile(file)) {
        if (tls == null && !pin.isEmpty()) {
          tls = PinnedCertificate.clientContext(pin).getSocketFactory();
        }
        fetch(sha, open(codeUrl + "/jar/" + sha, tls), token, file);
      }
      classPath.add(file.toString());
    }
    return classPath;
  }

  /** {@return the bytes fetched from pools so far} */
  public long fetchedBytes() {
    return fetchedBytes.get();
  }

  private static HttpURLConnection open(String url, SSLSocketFactory tls) throws IOException {
    URL where = URI.create(url).toURL();
    HttpURLConnection connection;
    if ("https".equals(where.getProtocol()) && tls != null) {
      HttpsURLConnection https = (HttpsURLConnection) where.openConnection();
      https.setSSLSocketFactory(tls);
      https.setHostnameVerifier((host, session) -> true); // the pin names the one certificate accepted
      connection = https;
    } else if ("http".equals(where.getProtocol()) && tls == null && InetAddress.getByName(where.getHost()).isLoopbackAddress()) {
      connection = (HttpURLConnection) where.openConnection();
    } else {
      throw new IOException("refused to fetch jars from " + url + ": a pool's code server is HTTPS with a pinned"
          + " certificate, or plain HTTP on loopback");
    }
    connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    connection.setReadTimeout(READ_TIMEOUT_MILLIS);
    connection.setUseCaches(false);
    return connection;
  }

  private void fetch(String sha, HttpURLConnection connection, String token, Path file) throws IOException {
    connection.setRequestProperty("X-Procpool-Token", token);
    try {
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IOException("the pool's code server answered " + status + " for jar " + sha);
      }
      Path partial = Files.createTempFile(directory, sha, ".part");
      try {
        MessageDigest digest = ShippedJars.newDigest();
        try (InputStream body = new DigestInputStream(connection.getInputStream(), digest)) {
          fetchedBytes.addAndGet(Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING));
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha)) {
          throw new IOException("jar " + sha + " arrived with SHA-256 " + actual + ": altered on the way, refused");
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
    } finally {
      connection.disconnect();
    }
  }
}
