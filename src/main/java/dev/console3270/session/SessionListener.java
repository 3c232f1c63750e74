package dev.console3270.session;

import dev.console3270.protocol.ProtocolException;

/**
 * What a session tells its observers. Called on the session's own thread: return quickly, never
 * block; a listener that throws is logged and isolated.
 */
public interface SessionListener {
  /** The connection state changed. */
  default void stateChanged(ConnectionState state) {}

  /** Connected and negotiated (3270, NVT or SSCP-LU). */
  default void connected() {}

  /** The connection ended; {@code reason} is null for a clean disconnect we asked for. */
  default void disconnected(String reason) {}

  /** The screen changed. Coalesced: several host records may give one call. */
  default void screenChanged(long version) {}

  /** The keyboard locked or unlocked. */
  default void keyboardLockChanged(boolean locked) {}

  /** The OIA changed. */
  default void oiaChanged() {}

  /** The host sent malformed data (reported, never thrown). */
  default void protocolError(ProtocolException error) {}
}
