package dev.console3270.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.session.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Tn3270ProbeTest {
  private static final HealthCheckConfig FAST =
      HealthCheckConfig.DEFAULT.withTiming(Duration.ofMillis(200), Duration.ofMillis(500));

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  /** A server that runs {@code talk} for every accepted connection, on a daemon thread. */
  private int serve(ServerSocket server, Consumer<Socket> talk) {
    closeables.add(server);
    Thread t =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  closeables.add(s);
                  talk.accept(s);
                } catch (IOException e) {
                  return;
                }
              }
            });
    t.setDaemon(true);
    t.start();
    return server.getLocalPort();
  }

  private static ServerSocket plain() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  private static void send(Socket s, int... bytes) {
    try {
      OutputStream out = s.getOutputStream();
      for (int b : bytes) {
        out.write(b);
      }
      out.flush();
    } catch (IOException e) {
      // the probe may have gone
    }
  }

  private static Endpoint at(int port) {
    return Endpoint.of("e", "127.0.0.1", port);
  }

  @Test
  void telnetDoIsL7Ok() throws IOException {
    // IAC WILL EOR first, then IAC DO TERMINAL-TYPE, split over two writes
    int port = serve(plain(), s -> send(s, 0xFF, 0xFB, 0x19, 0xFF, 0xFD, 0x18));
    ProbeOutcome o = new Tn3270Probe().probe(at(port), FAST);
    assertThat(o.result()).isEqualTo(CheckResult.L7OK);
    assertThat(o.detail()).isEqualTo("telnet DO 24");
    assertThat(o.latencyNanos()).isPositive();
  }

  @Test
  void escapedIacIsNotADo() throws IOException {
    // IAC IAC (data 0xFF) followed by 0xFD data: not a DO; then silence
    int port = serve(plain(), s -> send(s, 0xFF, 0xFF, 0xFD, 0x18));
    assertThat(new Tn3270Probe().probe(at(port), FAST).result()).isEqualTo(CheckResult.L7TOUT);
  }

  @Test
  void silentHostIsL7Timeout() throws IOException {
    int port = serve(plain(), s -> {});
    long start = System.nanoTime();
    ProbeOutcome o = new Tn3270Probe().probe(at(port), FAST);
    assertThat(o.result()).isEqualTo(CheckResult.L7TOUT);
    assertThat(o.detail()).isEqualTo("no answer within the timeout");
    assertThat(System.nanoTime() - start).isBetween(400_000_000L, 3_000_000_000L);
  }

  @Test
  void hostThatClosesOrSpeaksSomethingElseIsL7Rsp() throws IOException {
    int closing =
        serve(
            plain(),
            s -> {
              send(s, 'H', 'i');
              try {
                s.close();
              } catch (IOException e) {
                // closed anyway
              }
            });
    ProbeOutcome o = new Tn3270Probe().probe(at(closing), FAST);
    assertThat(o.result()).isEqualTo(CheckResult.L7RSP);
    assertThat(o.detail()).contains("closed the connection after 2 bytes");

    byte[] http = "HTTP/1.1 200 OK\r\n".repeat(400).getBytes(StandardCharsets.US_ASCII);
    int chatty =
        serve(
            plain(),
            s -> {
              try {
                s.getOutputStream().write(http);
              } catch (IOException e) {
                // probe gone
              }
            });
    o = new Tn3270Probe().probe(at(chatty), FAST);
    assertThat(o.result()).isEqualTo(CheckResult.L7RSP);
    assertThat(o.detail()).contains("not telnet");
  }

  @Test
  void closedPortIsL4Con() throws IOException {
    int port;
    try (ServerSocket s = plain()) {
      port = s.getLocalPort();
    }
    ProbeOutcome o = new Tn3270Probe().probe(at(port), FAST);
    assertThat(o.result()).isEqualTo(CheckResult.L4CON);
    assertThat(o.detail()).startsWith("connect failed");
  }

  @Test
  void unknownHostIsL4Con() {
    ProbeOutcome o = new Tn3270Probe().probe(Endpoint.of("e", "no-such-host.invalid", 23), FAST);
    assertThat(o.result()).isEqualTo(CheckResult.L4CON);
    assertThat(o.detail()).contains("unknown host");
  }

  @Test
  void connectTimeoutIsL4Tout() {
    // no blackhole address is reliable here (10.255.255.1 is refused at once), so the connector
    // simulates one; the timeout it gets is the config's
    List<Integer> timeouts = new ArrayList<>();
    Tn3270Probe probe =
        new Tn3270Probe(
            (address, timeout) -> {
              timeouts.add(timeout);
              throw new SocketTimeoutException("connect timed out");
            });
    ProbeOutcome o = probe.probe(at(23), FAST);
    assertThat(o.result()).isEqualTo(CheckResult.L4TOUT);
    assertThat(timeouts).singleElement().satisfies(t -> assertThat(t).isBetween(400, 500));
  }

  @Test
  void tlsIsVerifiedByDefaultAndCanBeTurnedOffForLabs(@TempDir Path dir) throws Exception {
    SSLContext server = selfSigned(dir);
    SSLServerSocket ss =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    int port =
        serve(
            ss,
            s -> {
              try {
                ((javax.net.ssl.SSLSocket) s).startHandshake();
                send(s, 0xFF, 0xFD, 0x28);
                InputStream in = s.getInputStream();
                s.setSoTimeout(2000);
                in.read(); // wait for the probe to close
              } catch (IOException e) {
                // a probe that refused the certificate
              }
            });
    Endpoint tls = at(port).withTlsMode(TlsMode.TLS);
    ProbeOutcome verified = new Tn3270Probe().probe(tls, FAST);
    assertThat(verified.result()).isEqualTo(CheckResult.L6RSP);
    assertThat(verified.detail()).startsWith("TLS handshake failed");
    ProbeOutcome lab = new Tn3270Probe().probe(tls, FAST.withVerifyTls(false));
    assertThat(lab.result()).isEqualTo(CheckResult.L7OK);
    assertThat(lab.detail()).isEqualTo("telnet DO 40");
  }

  @Test
  void tlsHandshakeTimeoutIsL6Tout() throws IOException {
    int port = serve(plain(), s -> {}); // accepts, never answers the ClientHello
    ProbeOutcome o =
        new Tn3270Probe().probe(at(port).withTlsMode(TlsMode.TLS), FAST.withVerifyTls(false));
    assertThat(o.result()).isEqualTo(CheckResult.L6TOUT);
  }

  private static SSLContext selfSigned(Path dir) throws Exception {
    Path store = dir.resolve("k.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "key",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
