package io.procpool.cluster.internal.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jars an agent holds, each stored under the SHA-256 of its bytes: a jar is fetched from a
 * pool's code server only the first time any pool needs it, and kept for later workers and pools.
 * A fetched jar whose hash is not the one the sealed request named is thrown away.
 */
final class JarCache {
  private final Path directory;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final AtomicLong fetchedBytes = new AtomicLong();

  JarCache(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
  }

  /** The local class path for {@code jars} ("SHA256 NAME" each), fetching what is missing. */
  List<String> classPath(List<String> jars, String codeUrl, String token) throws IOException, InterruptedException {
    List<String> classPath = new ArrayList<>();
    for (String jar : jars) {
      String sha = jar.substring(0, jar.indexOf(' '));
      if (!sha.matches("[0-9a-f]{64}")) {
        throw new IOException("not a SHA-256 in the launch request: " + sha);
      }
      Path file = directory.resolve(sha + ".jar");
      if (!Files.isRegularFile(file)) {
        fetch(sha, codeUrl, token, file);
      }
      classPath.add(file.toString());
    }
    return classPath;
  }

  /** {@return the bytes fetched from pools so far} */
  long fetchedBytes() {
    return fetchedBytes.get();
  }

  private void fetch(String sha, String codeUrl, String token, Path file) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(codeUrl + "/jar/" + sha))
        .header("X-Procpool-Token", token).timeout(Duration.ofMinutes(2)).GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("the pool's code server answered " + response.statusCode() + " for jar " + sha);
    }
    Path partial = Files.createTempFile(directory, sha, ".part");
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream body = new DigestInputStream(response.body(), digest)) {
        fetchedBytes.addAndGet(Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING));
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(sha)) {
        throw new IOException("jar " + sha + " arrived with SHA-256 " + actual + ": altered on the way, refused");
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
