package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from the first byte and STARTTLS against a local TLS host with self-signed certificates made
 * by keytool: verification, trust stores, pinned fingerprints, hostname checks, client
 * certificates.
 */
@Timeout(60)
class TlsSessionTest {
  @TempDir static Path dir;

  private static Path hostKey;
  private static Path wrongNameKey;
  private static Path clientKey;
  private static Path trustHost;
  private static Path trustWrongName;
  private static Path trustClient;

  private SessionEngine engine;
  private TraceFile login;

  @BeforeAll
  static void certificates() throws Exception {
    hostKey = TlsTestKit.keyPair(dir, "host.p12", "CN=localhost", "ip:127.0.0.1,dns:localhost");
    wrongNameKey = TlsTestKit.keyPair(dir, "wrong.p12", "CN=elsewhere", "dns:elsewhere.example");
    clientKey = TlsTestKit.keyPair(dir, "client.p12", "CN=operator", "dns:operator.example");
    trustHost = TlsTestKit.trustStore(dir, "trust-host.p12", hostKey);
    trustWrongName = TlsTestKit.trustStore(dir, "trust-wrong.p12", wrongNameKey);
    trustClient = TlsTestKit.trustStore(dir, "trust-client.p12", clientKey);
  }

  @BeforeEach
  void setUp() throws Exception {
    login = Conformance.trace("s3270__login.trc");
    engine = new SessionEngine(1, "tls");
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private SessionTestHost host(SessionTestHost.Security security, Path key) throws Exception {
    SSLContext ctx = TlsTestKit.serverContext(key, trustClient);
    return new SessionTestHost(login, security, ctx, SessionTestHost.Ending.STAY);
  }

  private SessionProfile profile(int port, TlsMode mode) {
    return SessionProfile.of("127.0.0.1", port)
        .withModel(TerminalModel.parse(login.model()))
        .withTlsMode(mode)
        .withConnectTimeout(Duration.ofSeconds(10));
  }

  private static List<String> expectedLoginScreen() throws Exception {
    return Files.readAllLines(Conformance.file("s3270__login.txt"), StandardCharsets.UTF_8).stream()
        .map(String::stripTrailing)
        .toList();
  }

  private void assertLoginScreenOverTls(Session session) throws Exception {
    List<String> expected = expectedLoginScreen();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                ScreenText.ascii(session.snapshot(), session.codePage()).stream()
                    .map(String::stripTrailing)
                    .toList()
                    .equals(expected));
    SessionStatus status = session.status();
    assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED_3270);
    assertThat(status.tls()).isTrue();
    assertThat(status.tlsDescription()).startsWith("TLSv1.");
    assertThat(status.oia().tls()).isTrue();
  }

  private static SessionException failure(Session session) {
    try {
      session.connect().get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(SessionException.class);
      return (SessionException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError("expected a failed connect", e);
    }
    throw new AssertionError("connect succeeded but should have failed");
  }

  @Test
  void anUntrustedCertificateIsRefusedWithItsFingerprint() throws Exception {
    String expected = PresentedCertificate.fingerprint(TlsTestKit.certificate(hostKey));
    try (SessionTestHost host = host(SessionTestHost.Security.TLS, hostKey)) {
      Session session = engine.newSession(profile(host.port(), TlsMode.TLS));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      SessionException e = failure(session);
      assertThat(e.kind()).isEqualTo(SessionException.Kind.UNTRUSTED_CERTIFICATE);
      assertThat(e.getMessage())
          .contains("certificate of 127.0.0.1:" + host.port() + " is not trusted")
          .contains("CN=localhost");
      assertThat(e.presentedCertificate().sha256()).isEqualTo(expected);
      assertThat(e.getMessage()).contains(e.presentedCertificate().displayFingerprint());
      assertThat(session.presentedCertificate().sha256()).isEqualTo(expected);
      assertThat(session.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
      assertThat(events.states).contains(ConnectionState.TLS_PENDING);
      assertThat(events.disconnected.get()).isEqualTo(1);
      assertThat(host.handshakes()).isZero();
    }
  }

  @Test
  void aCertificateInTheProfilesTrustStoreIsAccepted() throws Exception {
    try (SessionTestHost host = host(SessionTestHost.Security.TLS, hostKey)) {
      Session session =
          engine.newSession(
              profile(host.port(), TlsMode.TLS).withTrustStore(trustHost, TlsTestKit.PASSWORD));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      assertLoginScreenOverTls(session);
      assertThat(host.handshakes()).isEqualTo(1);
      assertThat(events.states)
          .containsExactly(
              ConnectionState.RESOLVING,
              ConnectionState.TCP_PENDING,
              ConnectionState.TLS_PENDING,
              ConnectionState.TELNET_PENDING,
              ConnectionState.CONNECTED_3270);
      assertThat(session.presentedCertificate().subject()).isEqualTo("CN=localhost");
      session.close();
    }
  }

  @Test
  void theHostNameIsVerified() throws Exception {
    try (SessionTestHost host = host(SessionTestHost.Security.TLS, wrongNameKey)) {
      Session session =
          engine.newSession(
              profile(host.port(), TlsMode.TLS)
                  .withTrustStore(trustWrongName, TlsTestKit.PASSWORD));
      SessionException e = failure(session);
      assertThat(e.kind()).isEqualTo(SessionException.Kind.UNTRUSTED_CERTIFICATE);
      assertThat(e.getMessage()).contains("127.0.0.1").contains("CN=elsewhere");
      // Without verification the same host is accepted.
      Session unverified =
          engine.newSession(profile(host.port(), TlsMode.TLS).withVerifyCertificate(false));
      unverified.connect().get(10, TimeUnit.SECONDS);
      assertLoginScreenOverTls(unverified);
    }
  }

  @Test
  void aPinnedFingerprintIsAcceptedAndAnotherIsNot() throws Exception {
    try (SessionTestHost host = host(SessionTestHost.Security.TLS, wrongNameKey)) {
      PresentedCertificate cert =
          PresentedCertificate.of(
              new java.security.cert.X509Certificate[] {TlsTestKit.certificate(wrongNameKey)});
      // As a user would paste it: upper case with colons.
      Session pinned =
          engine.newSession(
              profile(host.port(), TlsMode.TLS).withAcceptedCertificate(cert.displayFingerprint()));
      pinned.connect().get(10, TimeUnit.SECONDS);
      assertLoginScreenOverTls(pinned);

      String other = PresentedCertificate.fingerprint(TlsTestKit.certificate(hostKey));
      Session wrongPin =
          engine.newSession(profile(host.port(), TlsMode.TLS).withAcceptedCertificate(other));
      assertThat(failure(wrongPin).kind()).isEqualTo(SessionException.Kind.UNTRUSTED_CERTIFICATE);
    }
  }

  @Test
  void fetchingTheHostsCertificateLetsAUserAcceptIt() throws Exception {
    try (SessionTestHost host = host(SessionTestHost.Security.TLS, hostKey)) {
      SessionProfile profile = profile(host.port(), TlsMode.TLS);
      PresentedCertificate cert = engine.fetchCertificate(profile).get(10, TimeUnit.SECONDS);
      assertThat(cert.sha256())
          .isEqualTo(PresentedCertificate.fingerprint(TlsTestKit.certificate(hostKey)));
      assertThat(cert.subject()).isEqualTo("CN=localhost");
      assertThat(cert.chain()).hasSize(1);
      // The probe never finished a handshake, so no data flowed under an unverified certificate.
      assertThat(host.handshakes()).isZero();
      await().atMost(Duration.ofSeconds(5)).until(() -> engine.sessionCount() == 0);

      Session session = engine.newSession(profile.withAcceptedCertificate(cert.sha256()));
      session.connect().get(10, TimeUnit.SECONDS);
      assertLoginScreenOverTls(session);
    }
  }

  @Test
  void startTlsUpgradesThePlainConnectionAsX3270Does() throws Exception {
    try (SessionTestHost host = host(SessionTestHost.Security.STARTTLS, hostKey)) {
      Session session =
          engine.newSession(
              profile(host.port(), TlsMode.STARTTLS)
                  .withTrustStore(trustHost, TlsTestKit.PASSWORD));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      assertLoginScreenOverTls(session);
      assertThat(host.handshakes()).isEqualTo(1);
      // In the clear: IAC WILL START-TLS, IAC SB START-TLS FOLLOWS IAC SE; then TLS.
      byte[] clear = {
        (byte) 0xff,
        (byte) 0xfb,
        0x2e,
        (byte) 0xff,
        (byte) 0xfa,
        0x2e,
        0x01,
        (byte) 0xff,
        (byte) 0xf0
      };
      assertThat(Arrays.copyOf(host.received(), clear.length)).isEqualTo(clear);
      // As x3270 reports a START-TLS connection (s3270__ibmlink.trc).
      assertThat(events.states)
          .containsExactly(
              ConnectionState.RESOLVING,
              ConnectionState.TCP_PENDING,
              ConnectionState.TELNET_PENDING,
              ConnectionState.TLS_PENDING,
              ConnectionState.TELNET_PENDING,
              ConnectionState.CONNECTED_3270);
    }
  }

  @Test
  void startTlsWithAnUntrustedCertificateFails() throws Exception {
    try (SessionTestHost host = host(SessionTestHost.Security.STARTTLS, hostKey)) {
      Session session = engine.newSession(profile(host.port(), TlsMode.STARTTLS));
      SessionException e = failure(session);
      assertThat(e.kind()).isEqualTo(SessionException.Kind.UNTRUSTED_CERTIFICATE);
      assertThat(session.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
    }
  }

  @Test
  void aClientCertificateIsPresentedWhenTheHostAsks() throws Exception {
    try (SessionTestHost host = host(SessionTestHost.Security.TLS, hostKey)) {
      host.needClientAuth(true);
      Session session =
          engine.newSession(
              profile(host.port(), TlsMode.TLS)
                  .withTrustStore(trustHost, TlsTestKit.PASSWORD)
                  .withClientKeyStore(clientKey, TlsTestKit.PASSWORD));
      session.connect().get(10, TimeUnit.SECONDS);
      assertLoginScreenOverTls(session);

      Session without =
          engine.newSession(
              profile(host.port(), TlsMode.TLS).withTrustStore(trustHost, TlsTestKit.PASSWORD));
      SessionEvents events = new SessionEvents();
      without.addListener(events);
      // TLS 1.3: the client may finish its side before the host refuses it; either way it fails.
      assertThatThrownBy(() -> without.connect().get(15, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SessionException.class);
      assertThat(events.awaitDisconnected(5)).isTrue();
      assertThat(without.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
    }
  }

  @Test
  void aHostThatNeverAnswersTheHandshakeTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Session session =
          engine.newSession(
              profile(silent.getLocalPort(), TlsMode.TLS)
                  .withConnectTimeout(Duration.ofMillis(500)));
      SessionException e = failure(session);
      assertThat(e.kind()).isEqualTo(SessionException.Kind.TIMEOUT);
      assertThat(e.getMessage())
          .contains("timed out after 500 ms in state tls-pending")
          .contains("no answer to the TLS handshake");
    }
  }

  @Test
  void aMissingTrustStoreIsAClearError() throws Exception {
    Session session =
        engine.newSession(
            profile(23, TlsMode.TLS)
                .withTrustStore(dir.resolve("missing.p12"), TlsTestKit.PASSWORD));
    SessionException e = failure(session);
    assertThat(e.kind()).isEqualTo(SessionException.Kind.TLS);
    assertThat(e.getMessage()).contains("cannot read the trust store").contains("missing.p12");
  }
}
