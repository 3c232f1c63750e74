package dev.console3270.session;

import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small TN3270 host on loopback for session tests: plays the host bursts of a trace (waiting
 * briefly for the client's answers between them), over plain TCP, TLS from the first byte, or
 * START-TLS first. Serves any number of connections, one thread each. Every wait is bounded.
 */
final class SessionTestHost implements AutoCloseable {
  enum Security {
    PLAIN,
    TLS,
    STARTTLS
  }

  /** What to do after the last burst. */
  enum Ending {
    /** Keep the connection open, reading what the client sends, until it leaves. */
    STAY,
    /** Close the socket (FIN). */
    CLOSE,
    /** Reset the connection (RST). */
    RESET
  }

  private static final byte[] DO_START_TLS = {(byte) 0xff, (byte) 0xfd, 0x2e};
  private static final byte[] FOLLOWS = {
    (byte) 0xff, (byte) 0xfa, 0x2e, 0x01, (byte) 0xff, (byte) 0xf0
  };

  private final TraceFile trace;
  private final Security security;
  private final SSLContext tls;
  private final Ending ending;
  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
  private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final AtomicInteger served = new AtomicInteger();
  private volatile boolean closed;
  private volatile boolean needClientAuth;
  private final boolean pace;

  SessionTestHost(TraceFile trace, Security security, SSLContext tls, Ending ending, boolean pace)
      throws IOException {
    this.trace = trace;
    this.security = security;
    this.tls = tls;
    this.ending = ending;
    this.pace = pace;
    this.server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "test-host-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  SessionTestHost(TraceFile trace, Security security, SSLContext tls, Ending ending)
      throws IOException {
    this(trace, security, tls, ending, true);
  }

  /** Requires a client certificate in TLS handshakes from now on. */
  void needClientAuth(boolean value) {
    needClientAuth = value;
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections accepted. */
  int connections() {
    return connections.get();
  }

  /** TLS handshakes that completed. */
  int handshakes() {
    return handshakes.get();
  }

  /** Connections that got every host burst. */
  int served() {
    return served.get();
  }

  /** Everything any client sent (plain bytes, after TLS). */
  byte[] received() {
    synchronized (received) {
      return received.toByteArray();
    }
  }

  List<Throwable> failures() {
    return List.copyOf(failures);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "test-host-conn-" + s.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          failures.add(e);
        }
        return;
      }
    }
  }

  private void serve(Socket plain) {
    Socket s = plain;
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout(5000);
      if (security == Security.STARTTLS) {
        plain.getOutputStream().write(DO_START_TLS);
        plain.getOutputStream().flush();
        readUntil(plain.getInputStream(), FOLLOWS);
        plain.getOutputStream().write(FOLLOWS);
        plain.getOutputStream().flush();
      }
      if (security != Security.PLAIN) {
        SSLSocket ssl =
            (SSLSocket)
                tls.getSocketFactory()
                    .createSocket(
                        plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setNeedClientAuth(needClientAuth);
        ssl.startHandshake();
        handshakes.incrementAndGet();
        sockets.add(ssl);
        s = ssl;
      }
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      if (pace) {
        boolean missed = false;
        for (TraceFile.Burst b : trace.bursts()) {
          if (b.fromHost()) {
            out.write(b.data());
            out.flush();
          } else {
            missed |= !read(s, in, b.data().length, missed ? 300 : 2000);
          }
        }
      } else {
        out.write(trace.hostBytes());
        out.flush();
      }
      served.incrementAndGet();
      switch (ending) {
        case CLOSE -> s.close();
        case RESET -> {
          plain.setSoLinger(true, 0);
          plain.close();
        }
        case STAY -> {
          s.setSoTimeout(200);
          while (!closed) {
            try {
              if (!read(s, in, 4096, 200) && s.isClosed()) {
                return;
              }
            } catch (IOException e) {
              return;
            }
          }
        }
      }
    } catch (IOException e) {
      if (!closed) {
        failures.add(e);
      }
    } finally {
      try {
        s.close();
      } catch (IOException e) {
        // closing
      }
    }
  }

  /** Reads up to {@code count} bytes within {@code millis}; false on timeout. EOF throws. */
  private boolean read(Socket s, InputStream in, int count, int millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    byte[] buf = new byte[count];
    int got = 0;
    while (got < count) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      s.setSoTimeout((int) Math.max(1, left));
      int n;
      try {
        n = in.read(buf, got, count - got);
      } catch (SocketTimeoutException e) {
        return false;
      }
      if (n < 0) {
        throw new IOException("client closed");
      }
      synchronized (received) {
        received.write(buf, got, n);
      }
      got += n;
      if (count == 4096) {
        return true;
      }
    }
    return true;
  }

  private void readUntil(InputStream in, byte[] marker) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("client closed before START-TLS FOLLOWS");
      }
      seen.write(b);
      synchronized (received) {
        received.write(b);
      }
      byte[] a = seen.toByteArray();
      if (a.length >= marker.length
          && java.util.Arrays.equals(
              a, a.length - marker.length, a.length, marker, 0, marker.length)) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          // closing
        }
      }
    }
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
