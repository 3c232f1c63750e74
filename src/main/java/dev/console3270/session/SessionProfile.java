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
    return copy(b -> b.model = value);
  }

  /** A copy with another code page. */
  public SessionProfile withCodePage(String value) {
    return copy(b -> b.codePage = value);
  }

  /** A copy with another TLS mode. */
  public SessionProfile withTlsMode(TlsMode value) {
    return copy(b -> b.tlsMode = value);
  }

  /** A copy with another host and port (the rest kept). */
  public SessionProfile withAddress(String newHost, int newPort) {
    return copy(
        b -> {
          b.host = newHost;
          b.port = newPort;
        });
  }

  /** A copy with another display name. */
  public SessionProfile withName(String value) {
    return copy(b -> b.name = value);
  }

  /** A copy asking for these LU names, in order (empty: any). */
  public SessionProfile withLuNames(List<String> value) {
    return copy(b -> b.luNames = value);
  }

  /** A copy that verifies the host's certificate, or (false) does not. */
  public SessionProfile withVerifyCertificate(boolean value) {
    return copy(b -> b.verifyCertificate = value);
  }

  /** A copy with a PKCS12 trust store (null for the JDK's default) and its password. */
  public SessionProfile withTrustStore(Path store, char[] password) {
    return copy(
        b -> {
          b.trustStore = store;
          b.trustStorePassword = password;
        });
  }

  /**
   * A copy that accepts the host certificate with this SHA-256 fingerprint (hex, colons allowed),
   * or null.
   */
  public SessionProfile withAcceptedCertificate(String sha256) {
    return copy(b -> b.acceptedCertificateSha256 = sha256);
  }

  /** A copy with a PKCS12 client key store (null for none) and its password. */
  public SessionProfile withClientKeyStore(Path store, char[] password) {
    return copy(
        b -> {
          b.clientKeyStore = store;
          b.clientKeyStorePassword = password;
        });
  }

  /** A copy with another connect timeout (TCP, TLS and telnet negotiation). */
  public SessionProfile withConnectTimeout(Duration value) {
    return copy(b -> b.connectTimeout = value);
  }

  /** A copy with another keepalive interval ({@link Duration#ZERO}: none). */
  public SessionProfile withKeepalive(Duration value) {
    return copy(b -> b.keepalive = value);
  }

  /** A copy that offers TN3270E, or (false) only plain TN3270. */
  public SessionProfile withTn3270e(boolean value) {
    return copy(b -> b.tn3270e = value);
  }

  private SessionProfile copy(java.util.function.Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return b.build();
  }

  /** The fields of a profile being copied with changes. */
  private static final class Copy {
    String name;
    String host;
    int port;
    TerminalModel model;
    String codePage;
    List<String> luNames;
    TlsMode tlsMode;
    boolean verifyCertificate;
    Path trustStore;
    char[] trustStorePassword;
    String acceptedCertificateSha256;
    Path clientKeyStore;
    char[] clientKeyStorePassword;
    Duration connectTimeout;
    Duration keepalive;
    boolean tn3270e;

    Copy(SessionProfile p) {
      name = p.name;
      host = p.host;
      port = p.port;
      model = p.model;
      codePage = p.codePage;
      luNames = p.luNames;
      tlsMode = p.tlsMode;
      verifyCertificate = p.verifyCertificate;
      trustStore = p.trustStore;
      trustStorePassword = p.trustStorePassword;
      acceptedCertificateSha256 = p.acceptedCertificateSha256;
      clientKeyStore = p.clientKeyStore;
      clientKeyStorePassword = p.clientKeyStorePassword;
      connectTimeout = p.connectTimeout;
      keepalive = p.keepalive;
      tn3270e = p.tn3270e;
    }

    SessionProfile build() {
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
          tn3270e);
    }
  }
}
