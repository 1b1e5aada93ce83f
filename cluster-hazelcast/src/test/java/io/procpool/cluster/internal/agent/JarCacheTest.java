package io.procpool.cluster.internal.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.procpool.cluster.LocalCluster;
import io.procpool.cluster.internal.CodeServer;
import io.procpool.cluster.internal.ShippedJars;
import io.procpool.transport.netty.internal.TlsIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent's jar fetches against a pool's real code server: over HTTPS with its pin, and every way one is refused. */
class JarCacheTest {
  @TempDir
  Path directory;
  private ShippedJars jars;
  private CodeServer server;
  private byte[] content;

  @BeforeEach
  void shipAJar() throws IOException {
    content = new byte[300_000];
    new Random(7).nextBytes(content);
    Path jar = Files.write(directory.resolve("user-code.jar"), content);
    jars = new ShippedJars(List.of(jar.toString()));
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    jars.close();
  }

  private List<String> requested() {
    return List.of(jars.jars().get(0).sha256() + " user-code.jar");
  }

  private InetAddress network() {
    Optional<InetAddress> mine = LocalCluster.networkAddress();
    assumeTrue(mine.isPresent(), "this machine has no address but loopback");
    return mine.get();
  }

  @Test
  void onANetworkAddressTheServerIsHttpsAndAJarFetchedWithItsPinArrivesWhole() throws Exception {
    server = new CodeServer(jars, network(), 0);
    assertTrue(server.url().startsWith("https://" + network().getHostAddress() + ":"), server.url());
    JarCache cache = new JarCache(directory.resolve("cache"));
    List<String> classPath = cache.classPath(requested(), server.url(), server.token(), server.pin());
    assertArrayEquals(content, Files.readAllBytes(Path.of(classPath.get(0))));
    assertEquals(content.length, cache.fetchedBytes());
  }

  @Test
  void aServerWhoseCertificateIsNotThePinnedOneIsRefusedAndNothingIsKept() throws Exception {
    server = new CodeServer(jars, network(), 0);
    JarCache cache = new JarCache(directory.resolve("cache"));
    String otherPin = TlsIdentity.generate("someone else").pin();
    IOException refused = assertThrows(IOException.class,
        () -> cache.classPath(requested(), server.url(), server.token(), otherPin));
    assertTrue(refused.getMessage().contains("is not the one this peer was told to expect"), refused.getMessage());
    assertEquals(0, cache.fetchedBytes());
    try (var files = Files.list(directory.resolve("cache"))) {
      assertEquals(0, files.count(), "a refused fetch left a file");
    }
  }

  @Test
  void aWrongTokenGetsA403() throws Exception {
    server = new CodeServer(jars, network(), 0);
    JarCache cache = new JarCache(directory.resolve("cache"));
    IOException refused = assertThrows(IOException.class,
        () -> cache.classPath(requested(), server.url(), "0".repeat(64), server.pin()));
    assertTrue(refused.getMessage().contains("answered 403"), refused.getMessage());
  }

  @Test
  void onLoopbackTheServerIsPlainHttpAndPlainHttpFromElsewhereIsRefusedUnasked() throws Exception {
    server = new CodeServer(jars, InetAddress.getLoopbackAddress(), 0);
    assertEquals("", server.pin());
    assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
    JarCache cache = new JarCache(directory.resolve("cache"));
    assertFalse(cache.classPath(requested(), server.url(), server.token(), "").isEmpty());

    JarCache another = new JarCache(directory.resolve("another"));
    IOException refused = assertThrows(IOException.class, () -> another.classPath(requested(),
        "http://192.0.2.10:8080", server.token(), ""));
    assertTrue(refused.getMessage().contains("refused to fetch jars from http://192.0.2.10:8080"), refused.getMessage());
  }
}
