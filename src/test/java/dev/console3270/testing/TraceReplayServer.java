package dev.console3270.testing;

import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays the host side of an x3270 trace to one client: listens on 127.0.0.1 (a free port), sends
 * each host burst, and after it reads as many bytes as the following emulator bursts hold (or until
 * a read timeout), recording what the client actually sent. After the last burst it keeps the
 * connection open, draining anything more the client sends, until the client disconnects or the
 * server is closed. Every wait is bounded; once the client has failed to send what the trace holds,
 * later reads wait at most 300 ms, so that a divergent client does not make a long trace crawl.
 */
public final class TraceReplayServer implements AutoCloseable {

  /**
   * What the client sent where the trace has emulator bytes.
   *
   * @param line trace line where the emulator burst starts
   * @param expected the recorded bytes
   * @param actual the bytes the client sent (fewer on a timeout)
   */
  public record Exchange(int line, byte[] expected, byte[] actual) {
    /** True when the client sent exactly the recorded bytes. */
    public boolean matches() {
      return Arrays.equals(expected, actual);
    }

    @Override
    public String toString() {
      return "line "
          + line
          + ": expected "
          + HexFormat.of().formatHex(expected)
          + (matches() ? " (matched)" : ", got " + HexFormat.of().formatHex(actual));
    }
  }

  private final TraceFile trace;
  private final Duration readTimeout;
  private final ServerSocket server;
  private final Thread thread;
  private final CountDownLatch connected = new CountDownLatch(1);
  private final CountDownLatch allSent = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final List<Exchange> exchanges = new ArrayList<>();
  private final ByteArrayOutputStream extra = new ByteArrayOutputStream();
  private volatile Socket client;
  private volatile IOException failure;
  private volatile boolean closed;
  private boolean missed;

  /** Once a read has come up short, later reads wait at most this long. */
  private static final Duration AFTER_MISS = Duration.ofMillis(300);

  /** Starts a server for a trace with a 2-second read timeout per emulator burst. */
  public TraceReplayServer(TraceFile trace) throws IOException {
    this(trace, Duration.ofSeconds(2));
  }

  /** Starts a server for a trace with the given read timeout per emulator burst. */
  public TraceReplayServer(TraceFile trace, Duration readTimeout) throws IOException {
    this.trace = trace;
    this.readTimeout = readTimeout;
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::run, "trace-replay-" + server.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /** The port to connect to, on 127.0.0.1. */
  public int port() {
    return server.getLocalPort();
  }

  /** Waits until a client has connected; false on timeout. */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until every host burst has been sent and every emulator burst read (or timed out); false
   * on timeout.
   */
  public boolean awaitAllSent(Duration timeout) throws InterruptedException {
    return allSent.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until the client has disconnected (or the server was closed); false on timeout. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The emulator exchanges so far, in trace order. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Bytes the client sent after the trace ended. */
  public synchronized byte[] extraBytes() {
    return extra.toByteArray();
  }

  /** An I/O error the server met, or null (a closed connection is not an error). */
  public IOException failure() {
    return failure;
  }

  private void run() {
    try (Socket s = server.accept()) {
      client = s;
      connected.countDown();
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      for (TraceFile.Burst b : trace.bursts()) {
        if (closed) {
          return;
        }
        if (b.fromHost()) {
          out.write(b.data());
          out.flush();
        } else {
          byte[] got = readUpTo(s, in, b.data().length);
          synchronized (this) {
            exchanges.add(new Exchange(b.line(), b.data(), got));
          }
        }
      }
      allSent.countDown();
      drain(s, in);
    } catch (IOException e) {
      if (!closed) {
        failure = e;
      }
    } finally {
      connected.countDown();
      allSent.countDown();
      finished.countDown();
    }
  }

  private byte[] readUpTo(Socket s, InputStream in, int count) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    Duration timeout =
        missed ? AFTER_MISS.compareTo(readTimeout) < 0 ? AFTER_MISS : readTimeout : readTimeout;
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buf = new byte[count];
    while (got.size() < count) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      s.setSoTimeout((int) Math.max(1, left));
      try {
        int n = in.read(buf, 0, count - got.size());
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
      } catch (SocketTimeoutException e) {
        break;
      }
    }
    if (got.size() < count) {
      missed = true;
    }
    return got.toByteArray();
  }

  private void drain(Socket s, InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    s.setSoTimeout(200);
    while (!closed) {
      try {
        int n = in.read(buf);
        if (n < 0) {
          return;
        }
        synchronized (this) {
          extra.write(buf, 0, n);
        }
      } catch (SocketTimeoutException e) {
        // poll closed
      }
    }
  }

  /** Stops the server and closes the connection; waits briefly for the thread. */
  @Override
  public void close() throws IOException {
    closed = true;
    try {
      server.close();
    } finally {
      Socket c = client;
      if (c != null) {
        c.close();
      }
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
