package dev.console3270.session;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The certificate a host presented in its TLS handshake, for a user to inspect and, if they choose,
 * accept (pin its {@link #sha256()} in {@link SessionProfile#acceptedCertificateSha256()}).
 *
 * @param sha256 the SHA-256 fingerprint of the host (leaf) certificate, lower-case hex, no colons
 * @param subject the leaf's subject
 * @param issuer the leaf's issuer
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param chain the chain as presented, leaf first
 */
public record PresentedCertificate(
    String sha256,
    String subject,
    String issuer,
    Instant notBefore,
    Instant notAfter,
    List<X509Certificate> chain) {

  public PresentedCertificate {
    chain = List.copyOf(chain);
  }

  /** The record for a presented chain (leaf first). */
  public static PresentedCertificate of(X509Certificate[] chain) {
    X509Certificate leaf = chain[0];
    return new PresentedCertificate(
        fingerprint(leaf),
        leaf.getSubjectX500Principal().getName(),
        leaf.getIssuerX500Principal().getName(),
        leaf.getNotBefore().toInstant(),
        leaf.getNotAfter().toInstant(),
        List.of(chain));
  }

  /** The SHA-256 fingerprint of a certificate's DER encoding, lower-case hex without colons. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  /**
   * A fingerprint as users write it (upper or lower case, with or without colons or spaces) in the
   * form {@link #sha256()} uses, or null for null.
   */
  public static String normalize(String fingerprint) {
    if (fingerprint == null) {
      return null;
    }
    return fingerprint.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
  }

  /** The fingerprint as x3270 and browsers show it: upper case, colon-separated pairs. */
  public String displayFingerprint() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sha256.length(); i += 2) {
      if (i > 0) {
        b.append(':');
      }
      b.append(sha256, i, i + 2);
    }
    return b.toString().toUpperCase(Locale.ROOT);
  }
}
