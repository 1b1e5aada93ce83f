package io.procpool.transport.netty.internal;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client's side of a pinned TLS connection: the server is trusted if, and only if, its
 * certificate's SHA-256 is the pin the client was given. No authority, host name or date is
 * checked: the pin came over a channel the client already trusts, and names exactly one key.
 *
 * <p>Not API: shared by procpool's own modules.
 */
public final class PinnedCertificate {
  private static final String PREFIX = "sha256:";

  private PinnedCertificate() {}

  /**
   * The pin of a certificate: {@code sha256:} and the Base64 of its encoding's SHA-256.
   *
   * @param certificate the certificate
   * @return its pin
   */
  public static String pinOf(X509Certificate certificate) {
    try {
      return PREFIX + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot hash a certificate: " + e, e);
    }
  }

  /**
   * A TLS 1.3 client context that trusts one certificate.
   *
   * @param pin the server certificate's {@link #pinOf pin}
   * @return the context
   * @throws IllegalArgumentException if {@code pin} is not a pin
   */
  public static SSLContext clientContext(String pin) {
    Objects.requireNonNull(pin, "pin");
    if (!pin.startsWith(PREFIX) || Base64.getDecoder().decode(pin.substring(PREFIX.length())).length != 32) {
      throw new IllegalArgumentException("not a certificate pin (sha256: and 32 bytes in Base64): '" + pin + "'");
    }
    try {
      SSLContext context = SSLContext.getInstance(TlsIdentity.PROTOCOL);
      context.init(null, new TrustManager[] {new OnePin(pin)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make a TLS client context: " + e, e);
    }
  }

  /** Extended, so that the JDK adds no host name check of its own around it. */
  private static final class OnePin extends X509ExtendedTrustManager {
    private final String pin;

    OnePin(String pin) {
      this.pin = pin;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      if (chain == null || chain.length == 0) {
        throw new CertificateException("the server presented no certificate");
      }
      String presented;
      try {
        presented = pinOf(chain[0]);
      } catch (IllegalStateException e) {
        throw new CertificateEncodingException("cannot read the server's certificate: " + e.getMessage());
      }
      if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII), pin.getBytes(StandardCharsets.US_ASCII))) {
        throw new CertificateException("the server's certificate (" + presented + ") is not the one this peer was"
            + " told to expect (" + pin + "): it is not the pool, or something sits between the two");
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this end trusts servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
