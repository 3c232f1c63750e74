package dev.console3270.session;

import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.ScreenSnapshot;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A live 3270 session: a connection to a host around one {@link Terminal}. Every change to the
 * terminal happens on the session's own thread; other threads submit work with {@link #submit} or
 * {@link #key} and read immutable snapshots. Errors (host gone, malformed data, TLS failure) are
 * reported to listeners and end the session cleanly; they are never thrown into the caller.
 */
public final class Session implements ScriptableSession, AutoCloseable {

  /** A session for the profile, not yet connected. */
  public Session(SessionProfile profile) {
    throw new UnsupportedOperationException("skeleton: implemented by the session work");
  }

  /** The profile. */
  @Override
  public SessionProfile profile() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Connects to the profile's host. The future completes when the telnet negotiation has reached a
   * connected state (3270, NVT or SSCP-LU), or exceptionally with a clear message (refused, timed
   * out, TLS verification failed...).
   */
  public CompletableFuture<Void> connect() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Connects to another host and port with this profile's other settings. */
  @Override
  public CompletableFuture<Void> connect(String host, int port) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Closes the connection cleanly; completes when it is closed. */
  @Override
  public CompletableFuture<Void> disconnect() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Disconnects (if connected) and connects again to the last host. */
  @Override
  public CompletableFuture<Void> reconnect() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Runs {@code task} on the session's thread with its terminal. */
  @Override
  public <T> CompletableFuture<T> submit(Function<Terminal, T> task) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Runs one operator key on the session's thread (see {@link Terminal#key}). */
  @Override
  public CompletableFuture<KeyResult> key(Function<Keyboard, KeyResult> action) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The latest screen, published after each change on the session's thread. */
  @Override
  public ScreenSnapshot snapshot() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The latest status. */
  @Override
  public SessionStatus status() {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void addListener(SessionListener listener) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void removeListener(SessionListener listener) {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Starts writing an x3270-format trace to {@code file}. With {@code redact}, data typed into
   * non-display fields is replaced by a marker of the same length.
   */
  @Override
  public void startTrace(Path file, boolean redact) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Stops the trace, if any. */
  @Override
  public void stopTrace() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** The current trace file, or null. */
  @Override
  public Path traceFile() {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Disconnects and releases the session's resources. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("skeleton");
  }
}
