package dev.console3270.testing;

import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.session.ReplayHost;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Test-side name for {@link ReplayHost} serving one client: plays the host side of an x3270 trace
 * on 127.0.0.1 (a free port). All the logic lives in {@link ReplayHost}.
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

  private final ReplayHost host;

  /** Starts a server for a trace with a 2-second read timeout per emulator burst. */
  public TraceReplayServer(TraceFile trace) throws IOException {
    this(trace, Duration.ofSeconds(2));
  }

  /** Starts a server for a trace with the given read timeout per emulator burst. */
  public TraceReplayServer(TraceFile trace, Duration readTimeout) throws IOException {
    this.host = ReplayHost.start(trace, ReplayHost.Options.defaults().withReadTimeout(readTimeout));
  }

  /** The host behind this server. */
  public ReplayHost host() {
    return host;
  }

  /** The port to connect to, on 127.0.0.1. */
  public int port() {
    return host.port();
  }

  /** Waits until a client has connected; false on timeout. */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    return host.awaitConnected(timeout);
  }

  /** Waits until every burst has been sent and every emulator burst read; false on timeout. */
  public boolean awaitAllSent(Duration timeout) throws InterruptedException {
    return host.awaitAllSent(timeout);
  }

  /** Waits until the client has disconnected (or the server was closed); false on timeout. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return host.awaitFinished(timeout);
  }

  /** The emulator exchanges so far, in trace order. */
  public List<Exchange> exchanges() {
    return host.exchanges().stream()
        .map(e -> new Exchange(e.line(), e.expected(), e.actual()))
        .toList();
  }

  /** Bytes the client sent after the trace ended. */
  public byte[] extraBytes() {
    return host.extraBytes();
  }

  /** An I/O error the server met, or null (a closed connection is not an error). */
  public IOException failure() {
    return host.failure();
  }

  /** Stops the server and closes the connection. */
  @Override
  public void close() throws IOException {
    host.close();
  }
}
