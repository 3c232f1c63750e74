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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the host side of an x3270 trace to TN3270 clients on the loopback interface. For each
 * connection (one after the other, up to {@link Options#connections()}) it sends every host burst
 * in order and, after each, reads as many bytes as the following emulator bursts hold (or until a
 * read timeout), recording what the client sent. After the last burst it keeps the connection open,
 * collecting anything more the client sends, until the client disconnects or the host is closed.
 *
 * <p>Every wait is bounded: once a client has failed to send what the trace holds, later reads on
 * that connection wait at most {@link Options#missTimeout()}, so a divergent client does not make a
 * long trace crawl; {@link #close()} ends everything within about two seconds. The results ({@link
 * #exchanges()}, {@link #firstDifference()}) are those of the latest connection.
 *
 * <p><b>Redacted traces.</b> When the trace text's header says that non-display input was redacted
 * or card numbers were masked ({@link #redactedByteMatches}), the recorder replaced bytes the
 * client sent by {@link TraceRedactor#MARKER} (EBCDIC {@code *}), keeping lengths. In such a trace
 * a recorded marker byte in an emulator burst stands for whatever the client sent there, so a
 * client that types the real password again still matches; every other byte must be equal.
 */
public final class ReplayHost implements AutoCloseable {

  private static final Pattern DATA_LINE =
      Pattern.compile("^([<>]) 0x[0-9a-fA-F]+\\s+([0-9a-fA-F]*)\\s*$");

  /** How many bytes of each side a difference report shows. */
  private static final int WINDOW = 16;

  /**
   * Settings.
   *
   * @param port the port to listen on (0 picks a free one)
   * @param readTimeout how long to wait for the bytes of one emulator burst
   * @param missTimeout the shorter wait once a read on the connection has come up short
   * @param connections how many connections to serve, one after the other (at least 1)
   */
  public record Options(int port, Duration readTimeout, Duration missTimeout, int connections) {

    /** Validates. */
    public Options {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      if (readTimeout.isNegative() || readTimeout.isZero()) {
        throw new IllegalArgumentException("read timeout must be positive");
      }
      if (missTimeout.compareTo(readTimeout) > 0) {
        missTimeout = readTimeout;
      }
      if (connections < 1) {
        throw new IllegalArgumentException("connections must be at least 1: " + connections);
      }
    }

    /** A free port, 2 s per emulator burst, 300 ms after a miss, one connection. */
    public static Options defaults() {
      return new Options(0, Duration.ofSeconds(2), Duration.ofMillis(300), 1);
    }

    /** A copy with another port. */
    public Options withPort(int value) {
      return new Options(value, readTimeout, missTimeout, connections);
    }

    /** A copy with another read timeout (the miss timeout is capped by it). */
    public Options withReadTimeout(Duration value) {
      return new Options(port, value, missTimeout, connections);
    }

    /** A copy serving another number of connections. */
    public Options withConnections(int value) {
      return new Options(port, readTimeout, missTimeout, value);
    }
  }

  /**
   * What the client sent where the trace has emulator bytes.
   *
   * @param line trace line where the emulator burst starts
   * @param expected the recorded bytes
   * @param actual the bytes the client sent (fewer on a timeout)
   */
  public record Exchange(int line, byte[] expected, byte[] actual, boolean redacted) {

    /** An exchange of a trace that hides nothing. */
    public Exchange(int line, byte[] expected, byte[] actual) {
      this(line, expected, actual, false);
    }

    /**
     * True when the client sent exactly the recorded bytes (a marker byte of a redacted trace
     * matching any byte).
     */
    public boolean matches() {
      return sameBytes(expected, actual, redacted);
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

  /**
   * The first place where the client did not send what the trace holds.
   *
   * @param line the trace line holding the first differing byte (the burst's first line when the
   *     trace text is not known), or 0 for bytes after the end of the trace
   * @param burstLine the line where the emulator burst starts (0 after the end of the trace)
   * @param offset the offset of the first differing byte within the burst
   * @param expected up to 16 recorded bytes from that offset
   * @param actual up to 16 bytes the client sent from that offset (empty when it sent no more)
   */
  public record Difference(int line, int burstLine, int offset, byte[] expected, byte[] actual) {

    /** One line for people: where, expected and actual hex. */
    public String describe() {
      HexFormat hex = HexFormat.of();
      String where =
          line == 0
              ? "after the end of the trace"
              : "at trace line " + line + " (burst at line " + burstLine + "), offset " + offset;
      return "difference "
          + where
          + ": expected "
          + (expected.length == 0 ? "nothing" : hex.formatHex(expected))
          + ", got "
          + (actual.length == 0 ? "nothing (timeout or disconnect)" : hex.formatHex(actual));
    }
  }

  private final TraceFile trace;
  private final String text;
  private final boolean redacted;
  private final Options options;
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

  private ReplayHost(TraceFile trace, String text, Options options) throws IOException {
    this.trace = trace;
    this.text = text;
    this.redacted = text != null && redactedByteMatches(text);
    this.options = options;
    this.server = new ServerSocket(options.port(), 1, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::run, "replay-host-" + server.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts serving a parsed trace with the default options. */
  public static ReplayHost start(TraceFile trace) throws IOException {
    return start(trace, Options.defaults());
  }

  /** Starts serving a parsed trace. */
  public static ReplayHost start(TraceFile trace, Options options) throws IOException {
    return new ReplayHost(trace, null, options);
  }

  /**
   * Starts serving the text of a trace; differences then name the exact trace line.
   *
   * @throws IllegalArgumentException when the text is not a trace (bad hex)
   */
  public static ReplayHost start(String traceText, Options options) throws IOException {
    return new ReplayHost(TraceFile.parse(traceText), traceText, options);
  }

  /**
   * Reads a trace file (ISO-8859-1, as x3270 writes its traces) and starts serving it.
   *
   * @throws IOException when the file cannot be read or the port not bound
   * @throws IllegalArgumentException when the file is not a trace (bad hex)
   */
  public static ReplayHost start(Path traceFile, Options options) throws IOException {
    return start(Files.readString(traceFile, StandardCharsets.ISO_8859_1), options);
  }

  /**
   * True when the header of a trace text says the recorder replaced client bytes by {@link
   * TraceRedactor#MARKER}: a line {@code Redaction of non-display fields: on} or {@code Card number
   * masking: on} before the first data line.
   */
  public static boolean redactedByteMatches(String traceText) {
    for (String line : traceText.split("\r?\n", -1)) {
      if (DATA_LINE.matcher(line).matches()) {
        return false;
      }
      String t = line.strip();
      if (t.equals("Redaction of non-display fields: on") || t.equals("Card number masking: on")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code actual} is {@code expected}, where with {@code redacted} a {@link
   * TraceRedactor#MARKER} byte of {@code expected} matches any byte.
   */
  public static boolean sameBytes(byte[] expected, byte[] actual, boolean redacted) {
    if (!redacted) {
      return Arrays.equals(expected, actual);
    }
    return expected.length == actual.length && firstMismatch(expected, actual, true) < 0;
  }

  /** The first index where the two differ (a marker matching any byte when redacted), else -1. */
  private static int firstMismatch(byte[] expected, byte[] actual, boolean redacted) {
    int n = Math.min(expected.length, actual.length);
    for (int i = 0; i < n; i++) {
      if (expected[i] != actual[i] && !(redacted && (expected[i] & 0xff) == TraceRedactor.MARKER)) {
        return i;
      }
    }
    return expected.length == actual.length ? -1 : n;
  }

  /** The trace being served. */
  public TraceFile trace() {
    return trace;
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
   * Waits until every host burst has been sent to the first client and every emulator burst read
   * (or timed out); false on timeout.
   */
  public boolean awaitAllSent(Duration timeout) throws InterruptedException {
    return allSent.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits until the last connection has ended (the client disconnected) or the host was closed;
   * false on timeout.
   */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The emulator exchanges of the latest connection so far, in trace order. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Bytes the latest client sent after the trace ended. */
  public synchronized byte[] extraBytes() {
    return extra.toByteArray();
  }

  /** An I/O error the host met, or null (a closed connection is not an error). */
  public IOException failure() {
    return failure;
  }

  /**
   * The first difference between what the trace holds and what the latest client sent so far: a
   * mismatching or short exchange, else bytes sent after the end of the trace; empty when all
   * matched.
   */
  public synchronized Optional<Difference> firstDifference() {
    for (Exchange e : exchanges) {
      if (!e.matches()) {
        byte[] exp = e.expected();
        byte[] act = e.actual();
        int i = firstMismatch(exp, act, e.redacted());
        return Optional.of(
            new Difference(
                lineOf(e.line(), i),
                e.line(),
                i,
                Arrays.copyOfRange(exp, Math.min(i, exp.length), Math.min(i + WINDOW, exp.length)),
                Arrays.copyOfRange(
                    act, Math.min(i, act.length), Math.min(i + WINDOW, act.length))));
      }
    }
    if (extra.size() > 0) {
      byte[] x = extra.toByteArray();
      return Optional.of(
          new Difference(0, 0, 0, new byte[0], Arrays.copyOf(x, Math.min(WINDOW, x.length))));
    }
    return Optional.empty();
  }

  /** The trace line holding byte {@code offset} of the emulator burst starting at {@code line}. */
  private int lineOf(int burstLine, int offset) {
    if (text == null) {
      return burstLine;
    }
    String[] lines = text.split("\r?\n", -1);
    int seen = 0;
    int lastData = burstLine;
    for (int i = burstLine - 1; i < lines.length; i++) {
      Matcher m = DATA_LINE.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      if (m.group(1).equals("<")) {
        break;
      }
      lastData = i + 1;
      seen += m.group(2).length() / 2;
      if (offset < seen) {
        return i + 1;
      }
    }
    return lastData;
  }

  private void run() {
    try {
      for (int n = 0; n < options.connections() && !closed; n++) {
        serve(server.accept());
      }
    } catch (IOException e) {
      if (!closed) {
        failure = e;
      }
    } finally {
      connected.countDown();
      allSent.countDown();
      finished.countDown();
      try {
        server.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  private void serve(Socket accepted) throws IOException {
    try (Socket s = accepted) {
      synchronized (this) {
        exchanges.clear();
        extra.reset();
        missed = false;
      }
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
            exchanges.add(new Exchange(b.line(), b.data(), got, redacted));
          }
        }
      }
      allSent.countDown();
      drain(s, in);
    } catch (IOException e) {
      // A client that goes away mid-trace ends its connection, not the host.
      if (closed) {
        return;
      }
      if (!(e instanceof java.net.SocketException)) {
        throw e;
      }
    } finally {
      client = null;
    }
  }

  private byte[] readUpTo(Socket s, InputStream in, int count) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    Duration timeout = missed ? options.missTimeout() : options.readTimeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] buf = new byte[Math.max(1, count)];
    while (got.size() < count && !closed) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        break;
      }
      s.setSoTimeout((int) Math.max(1, Math.min(left, 200)));
      try {
        int n = in.read(buf, 0, count - got.size());
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
      } catch (SocketTimeoutException e) {
        // check the deadline and closed again
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

  /** Stops listening and closes the connection; waits up to two seconds for the host's thread. */
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
