package io.procpool.transport.netty.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** The hand-made certificate as the JDK reads it, and a pinned TLS connection with the JDK's own TLS. */
class TlsIdentityTest {
  @Test
  void theCertificateIsAWellFormedSelfSignedV3OneOfTheKeyAndItsPinIsTheHashOfItsBytes() throws Exception {
    TlsIdentity identity = TlsIdentity.generate("procpool test");
    X509Certificate certificate = identity.certificate();
    certificate.verify(certificate.getPublicKey()); // signed by its own key
    certificate.checkValidity();
    assertEquals(3, certificate.getVersion());
    assertEquals("CN=procpool test", certificate.getSubjectX500Principal().getName());
    assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
    assertEquals("SHA256withECDSA", certificate.getSigAlgName());
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    assertEquals("sha256:" + Base64.getEncoder().encodeToString(hash), identity.pin());
    assertNotEquals(identity.pin(), TlsIdentity.generate("procpool test").pin(), "each identity has a key of its own");
  }

  @Test
  void aClientConnectsToTheServerItsPinNamesAndToNoOther() throws Exception {
    TlsIdentity server = TlsIdentity.generate("server");
    try (SSLServerSocket listening = (SSLServerSocket) server.serverContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> echoOnce(listening));
      try (SSLSocket client = connect(listening, server.pin())) {
        client.getOutputStream().write(new byte[] {1, 2, 3});
        client.getOutputStream().flush();
        assertArrayEquals(new byte[] {1, 2, 3}, client.getInputStream().readNBytes(3));
      }
      echoed.get(10, TimeUnit.SECONDS);

      CompletableFuture.runAsync(() -> echoOnce(listening));
      String otherPin = TlsIdentity.generate("someone else").pin();
      SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, () -> {
        try (SSLSocket client = connect(listening, otherPin)) {
          client.startHandshake();
        }
      });
      assertTrue(refused.getMessage().contains("is not the one this peer was told to expect"), refused.getMessage());
    }
  }

  @Test
  void somethingThatIsNotAPinIsRefusedSayingWhatAPinIs() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> PinnedCertificate.clientContext("sha256:AAAA"));
    assertTrue(refused.getMessage().contains("not a certificate pin (sha256: and 32 bytes in Base64)"), refused.getMessage());
  }

  private static SSLSocket connect(ServerSocket listening, String pin) throws Exception {
    return (SSLSocket) PinnedCertificate.clientContext(pin).getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
  }

  private static byte[] echoOnce(ServerSocket listening) {
    try (Socket accepted = listening.accept()) {
      InputStream in = accepted.getInputStream();
      OutputStream out = accepted.getOutputStream();
      byte[] got = in.readNBytes(3);
      out.write(got);
      out.flush();
      return got;
    } catch (Exception e) {
      return null; // the refused client's handshake ends here
    }
  }
}
