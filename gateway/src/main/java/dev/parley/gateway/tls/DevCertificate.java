package dev.parley.gateway.tls;

import dev.parley.ledger.io.DurableFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed development TLS certificate (ECDSA P-256) created with Bouncy Castle on first start
 * and kept under {@code <data>/tls/}.
 *
 * <p>The private key is written with owner-only permissions; it is for development and tests only:
 * production deployments supply their own certificate.
 *
 * @param certPath PEM certificate chain
 * @param keyPath PEM PKCS#8 private key (mode 0600)
 */
public record DevCertificate(Path certPath, Path keyPath) {
  private static final Duration VALIDITY = Duration.ofDays(365);

  /**
   * Returns the certificate under {@code tlsDir}, creating it if absent.
   *
   * @param tlsDir the folder for TLS material
   * @param host the host name or address to put in the subject alternative names
   * @param clock the clock for the validity period
   * @return the certificate and key paths
   * @throws IOException if the files cannot be written
   */
  public static DevCertificate loadOrCreate(Path tlsDir, String host, Clock clock)
      throws IOException {
    Path cert = tlsDir.resolve("dev-cert.pem");
    Path key = tlsDir.resolve("dev-key.pem");
    if (Files.exists(cert) && Files.exists(key)) {
      return new DevCertificate(cert, key);
    }
    Files.createDirectories(tlsDir);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      Instant now = clock.instant();
      X500Name name = new X500Name("CN=Parley development certificate");
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(VALIDITY)),
              name,
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(
                    host.matches("[0-9.]+") ? GeneralName.iPAddress : GeneralName.dNSName, host)
              }));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(certificate);
      }
      String keyPem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(pair.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      DurableFiles.write(key, keyPem.getBytes(StandardCharsets.US_ASCII), true);
      DurableFiles.write(cert, pem.toString().getBytes(StandardCharsets.US_ASCII), false);
      return new DevCertificate(cert, key);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create the development certificate", e);
    }
  }
}
