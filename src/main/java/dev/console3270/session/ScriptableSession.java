package dev.console3270.session;

import dev.console3270.protocol.Terminal;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.ScreenSnapshot;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A session as the action language sees it. {@link Session} is the real one; tests may drive the
 * interpreter with their own.
 */
public interface ScriptableSession {
  SessionProfile profile();

  CompletableFuture<Void> connect(String host, int port);

  CompletableFuture<Void> disconnect();

  CompletableFuture<Void> reconnect();

  <T> CompletableFuture<T> submit(Function<Terminal, T> task);

  CompletableFuture<KeyResult> key(Function<Keyboard, KeyResult> action);

  ScreenSnapshot snapshot();

  SessionStatus status();

  void addListener(SessionListener listener);

  void removeListener(SessionListener listener);

  /**
   * Starts a trace; with {@code redact}, data typed into non-display fields is replaced by a marker
   * of the same length.
   */
  void startTrace(Path file, boolean redact);

  /**
   * Starts a trace with non-display input redacted: what every trace start (window, API, scripts)
   * uses. There is no opt-out in the action language.
   */
  default void startTrace(Path file) {
    startTrace(file, true);
  }

  void stopTrace();

  Path traceFile();
}
