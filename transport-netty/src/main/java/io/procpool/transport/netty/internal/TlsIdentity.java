package io.procpool.transport.netty.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A pool's TLS identity for one run: a fresh P-256 key pair and a self-signed certificate that
 * carries its public key. Nothing in the certificate is trusted but that key: a peer accepts it
 * only if its SHA-256 {@link #pin()} is the one it was given over a channel it already trusts
 * (a worker's launch ticket, a sealed launch request), so no authority, name or date is checked,
 * and none is needed.
 *
 * <p>Not API: shared by procpool's own modules. The certificate is written by hand ({@link Der})
 * rather than with BouncyCastle's builder: that takes three jars of 9.5 MB, and its provider jar
 * is signed (bcprov-jdk18on 1.87 carries {@code META-INF/BCRSA204.SF}), which breaks a user's
 * shaded jar unless signatures are stripped; one certificate of fixed shape is 60 lines.
 */
public final class TlsIdentity {
  /** TLS 1.3 only: both ends are ours, and Java 17 has it. */
  public static final String PROTOCOL = "TLSv1.3";
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String COMMON_NAME = "2.5.4.3";
  /** Validity is not checked (the pin is); the dates are only a well-formed certificate's. */
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private final PrivateKey privateKey;
  private final X509Certificate certificate;
  private final String pin;

  private TlsIdentity(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
    this.pin = PinnedCertificate.pinOf(certificate);
  }

  /**
   * A new key pair and its certificate.
   *
   * @param commonName the certificate's subject, for people who look at it
   * @return the identity
   */
  public static TlsIdentity generate(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      return new TlsIdentity(keys.getPrivate(), selfSigned(keys, commonName));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make a P-256 key pair and certificate for TLS: " + e, e);
    }
  }

  private static X509Certificate selfSigned(KeyPair keys, String commonName) throws GeneralSecurityException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.valueOf(2))), // X.509 v3
        Der.integer(new BigInteger(127, new SecureRandom())),
        algorithm,
        name,
        Der.sequence(Der.utcTime(now.minus(Duration.ofDays(1))), Der.utcTime(now.plus(VALIDITY))),
        name,
        keys.getPublic().getEncoded()); // already a DER SubjectPublicKeyInfo
    Signature signer = Signature.getInstance(SIGNATURE);
    signer.initSign(keys.getPrivate());
    signer.update(tbs);
    byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  /** {@return the private key, for a TLS server} */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** {@return the self-signed certificate of the public key} */
  public X509Certificate certificate() {
    return certificate;
  }

  /** {@return what a peer checks the certificate against: see {@link PinnedCertificate#pinOf}} */
  public String pin() {
    return pin;
  }

  /**
   * A TLS 1.3 context whose server side presents this identity, for servers that take one (the
   * JDK's {@code HttpsServer}); Netty takes the key and certificate instead.
   *
   * @return the context
   */
  public SSLContext serverContext() {
    try {
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("procpool", privateKey, password, new Certificate[] {certificate});
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance(PROTOCOL);
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("this JVM cannot make a TLS server context: " + e, e);
    }
  }

  @Override
  public String toString() {
    return "TlsIdentity[pin=" + pin + "]";
  }
}
