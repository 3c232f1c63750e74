package dev.console3270.endpoint;

import dev.console3270.session.TlsMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TN3270 health probe: TCP connect (layer 4), the TLS handshake when the endpoint's mode is
 * {@link TlsMode#TLS} (layer 6; STARTTLS endpoints are probed in plain TCP, since the upgrade comes
 * after the first telnet DO), then reading until the host's first telnet DO ({@code IAC DO option},
 * bytes FF FD xx), which every TN3270 server sends first (layer 7). All within the config's
 * timeout. With {@code verifyTls} the JDK's default trust store and host name verification apply;
 * without, any certificate is accepted (lab hosts only).
 */
public final class Tn3270Probe implements Probe {
  private static final int IAC = 0xFF;
  private static final int DO = 0xFD;
  private static final int SB = 0xFA;
  private static final int SE = 0xF0;

  /** Bytes read without a telnet DO before the host is judged not telnet. */
  static final int MAX_PREAMBLE = 4096;

  /** Opens a TCP connection; injectable so tests can simulate a connect timeout. */
  @FunctionalInterface
  public interface Connector {
    /** A socket connected to the address, or an exception (SocketTimeoutException on timeout). */
    Socket connect(InetSocketAddress address, int timeoutMillis) throws IOException;
  }

  private final Connector connector;
  private volatile SSLSocketFactory trustAll;

  /** A probe with plain {@link Socket} connects. */
  public Tn3270Probe() {
    this(
        (address, timeout) -> {
          Socket s = new Socket();
          try {
            s.connect(address, timeout);
            return s;
          } catch (IOException e) {
            s.close();
            throw e;
          }
        });
  }

  /** A probe that connects through {@code connector}. */
  public Tn3270Probe(Connector connector) {
    this.connector = Objects.requireNonNull(connector, "connector");
  }

  @Override
  public ProbeOutcome probe(Endpoint endpoint, HealthCheckConfig config) {
    long start = System.nanoTime();
    long deadline = start + config.timeout().toNanos();
    Socket socket;
    try {
      InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
      if (address.isUnresolved()) {
        return outcome(CheckResult.L4CON, start, "unknown host " + endpoint.host());
      }
      socket = connector.connect(address, Math.max(1, remainingMillis(deadline)));
    } catch (SocketTimeoutException e) {
      return outcome(CheckResult.L4TOUT, start, "connect timed out after " + config.timeout());
    } catch (UnknownHostException e) {
      return outcome(CheckResult.L4CON, start, "unknown host " + endpoint.host());
    } catch (IOException e) {
      return outcome(CheckResult.L4CON, start, "connect failed: " + e.getMessage());
    } catch (RuntimeException e) {
      return outcome(CheckResult.L4CON, start, "connect failed: " + e);
    }
    try (Socket s = socket) {
      Socket stream = s;
      if (endpoint.tlsMode() == TlsMode.TLS) {
        try {
          stream = handshake(s, endpoint, config, deadline);
        } catch (SocketTimeoutException e) {
          return outcome(CheckResult.L6TOUT, start, "TLS handshake timed out");
        } catch (IOException | GeneralSecurityException e) {
          return outcome(CheckResult.L6RSP, start, "TLS handshake failed: " + e.getMessage());
        }
      }
      try (Socket t = stream) {
        return readTelnetDo(t, start, deadline);
      }
    } catch (IOException e) {
      return outcome(CheckResult.L7RSP, start, "read failed: " + e.getMessage());
    }
  }

  private Socket handshake(Socket plain, Endpoint endpoint, HealthCheckConfig config, long deadline)
      throws IOException, GeneralSecurityException {
    SSLSocketFactory factory =
        config.verifyTls() ? SSLContext.getDefault().getSocketFactory() : trustAllFactory();
    SSLSocket tls = (SSLSocket) factory.createSocket(plain, endpoint.host(), endpoint.port(), true);
    if (config.verifyTls()) {
      SSLParameters params = tls.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(params);
    }
    tls.setSoTimeout(Math.max(1, remainingMillis(deadline)));
    try {
      tls.startHandshake();
    } catch (SSLException e) {
      tls.close();
      throw e;
    }
    return tls;
  }

  private ProbeOutcome readTelnetDo(Socket s, long start, long deadline) throws IOException {
    InputStream in = s.getInputStream();
    int read = 0;
    int state = 0; // 0 data, 1 after IAC, 2 after IAC DO, 3 in SB, 4 IAC in SB, 5 after verb
    byte[] buf = new byte[512];
    while (true) {
      int wait = remainingMillis(deadline);
      if (wait <= 0) {
        return outcome(CheckResult.L7TOUT, start, timeoutDetail(read));
      }
      s.setSoTimeout(wait);
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        return outcome(CheckResult.L7TOUT, start, timeoutDetail(read));
      }
      if (n < 0) {
        return outcome(
            CheckResult.L7RSP, start, "host closed the connection after " + read + " bytes");
      }
      for (int i = 0; i < n; i++) {
        int b = buf[i] & 0xff;
        switch (state) {
          case 0 -> state = b == IAC ? 1 : 0;
          case 1 -> state = b == DO ? 2 : b == SB ? 3 : b >= 0xFB ? 5 : 0;
          case 2 -> {
            return outcome(CheckResult.L7OK, start, "telnet DO " + b);
          }
          case 3 -> state = b == IAC ? 4 : 3;
          case 4 -> state = b == SE ? 0 : 3;
          default -> state = 0; // the option byte of WILL, WONT, DONT
        }
      }
      read += n;
      if (read > MAX_PREAMBLE) {
        return outcome(
            CheckResult.L7RSP, start, "no telnet DO in the first " + read + " bytes: not telnet");
      }
    }
  }

  private static String timeoutDetail(int read) {
    return read == 0
        ? "no answer within the timeout"
        : "no telnet DO within the timeout (" + read + " bytes read)";
  }

  private static int remainingMillis(long deadline) {
    long ms = (deadline - System.nanoTime()) / 1_000_000;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ms));
  }

  private static ProbeOutcome outcome(CheckResult result, long start, String detail) {
    return new ProbeOutcome(result, Math.max(0, System.nanoTime() - start), detail);
  }

  private SSLSocketFactory trustAllFactory() throws GeneralSecurityException {
    SSLSocketFactory f = trustAll;
    if (f == null) {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new TrustAll()}, null);
      f = ctx.getSocketFactory();
      trustAll = f;
    }
    return f;
  }

  /** Accepts any certificate: only when the config turns verification off. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
