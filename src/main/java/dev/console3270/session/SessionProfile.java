package dev.console3270.session;

import dev.console3270.protocol.TerminalModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach a host and what terminal to be: immutable.
 *
 * @param name a display name
 * @param host host name or address
 * @param port TCP port
 * @param model terminal model
 * @param codePage code page name (see {@code CodePages})
 * @param luNames LU names to ask for, in order (empty: any)
 * @param tlsMode none, TLS from the first byte, or STARTTLS
 * @param verifyCertificate verify the host's certificate (on by default)
 * @param trustStore a PKCS12 trust store for this profile, or null for the JDK's default
 * @param trustStorePassword its password, or null
 * @param acceptedCertificateSha256 the SHA-256 fingerprint (hex) of a host certificate the user
 *     explicitly chose to accept, or null
 * @param clientKeyStore a PKCS12 key store with a client certificate, or null
 * @param clientKeyStorePassword its password, or null
 * @param connectTimeout time allowed for TCP connect plus TLS handshake
 * @param keepalive interval between keepalives (telnet NOP), or {@link Duration#ZERO} for none
 * @param tn3270e offer TN3270E (else plain TN3270)
 */
public record SessionProfile(
    String name,
    String host,
    int port,
    TerminalModel model,
    String codePage,
    List<String> luNames,
    TlsMode tlsMode,
    boolean verifyCertificate,
    Path trustStore,
    char[] trustStorePassword,
    String acceptedCertificateSha256,
    Path clientKeyStore,
    char[] clientKeyStorePassword,
    Duration connectTimeout,
    Duration keepalive,
    boolean tn3270e) {

  public SessionProfile {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535: " + port);
    }
    luNames = List.copyOf(luNames);
  }

  /** A plain-TCP profile with x3270's defaults (3279-4-E, bracket, TN3270E, 30 s connect). */
  public static SessionProfile of(String host, int port) {
    return new SessionProfile(
        host + ":" + port,
        host,
        port,
        TerminalModel.defaultModel(),
        "bracket",
        List.of(),
        TlsMode.NONE,
        true,
        null,
        null,
        null,
        null,
        null,
        Duration.ofSeconds(30),
        Duration.ZERO,
        true);
  }

  /** A copy with another model. */
  public SessionProfile withModel(TerminalModel value) {
    return new SessionProfile(
        name,
        host,
        port,
        value,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with another code page. */
  public SessionProfile withCodePage(String value) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        value,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with another TLS mode. */
  public SessionProfile withTlsMode(TlsMode value) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        luNames,
        value,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with another host and port (the rest kept). */
  public SessionProfile withAddress(String newHost, int newPort) {
    return new SessionProfile(
        name,
        newHost,
        newPort,
        model,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with another display name. */
  public SessionProfile withName(String value) {
    return new SessionProfile(
        value,
        host,
        port,
        model,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with LU names to ask for, in order. */
  public SessionProfile withLuNames(List<String> value) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        value,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with certificate verification on or off. */
  public SessionProfile withVerifyCertificate(boolean value) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        luNames,
        tlsMode,
        value,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with a PKCS12 trust store (null for the JDK's default) and its password. */
  public SessionProfile withTrustStore(Path store, char[] password) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        store,
        password,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /**
   * A copy that accepts the host certificate with this SHA-256 fingerprint (hex, colons allowed),
   * or null.
   */
  public SessionProfile withAcceptedCertificate(String sha256) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        sha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with a PKCS12 client key store (null for none) and its password. */
  public SessionProfile withClientKeyStore(Path store, char[] password) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        store,
        password,
        connectTimeout,
        keepalive,
        tn3270e);
  }

  /** A copy with another connect timeout (TCP, TLS handshake and telnet negotiation). */
  public SessionProfile withConnectTimeout(Duration value) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        value,
        keepalive,
        tn3270e);
  }

  /** A copy with another keepalive interval ({@link Duration#ZERO}: none). */
  public SessionProfile withKeepalive(Duration value) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        value,
        tn3270e);
  }

  /** A copy that offers TN3270E (true) or only TN3270. */
  public SessionProfile withTn3270e(boolean value) {
    return new SessionProfile(
        name,
        host,
        port,
        model,
        codePage,
        luNames,
        tlsMode,
        verifyCertificate,
        trustStore,
        trustStorePassword,
        acceptedCertificateSha256,
        clientKeyStore,
        clientKeyStorePassword,
        connectTimeout,
        keepalive,
        value);
  }
}
