package dev.console3270.session;

import dev.console3270.protocol.screen.ScreenSnapshot;

/**
 * Where a session reports the bytes it exchanges with the host, for a trace. Called from the
 * session's own thread; an implementation must never throw into it.
 */
public interface TraceSink {

  /** Bytes read from the host socket (raw, with telnet framing). */
  void hostBytes(byte[] data, int off, int len);

  /**
   * Bytes written to the host socket (raw, with telnet framing), with the screen as it was just
   * before they were sent (used to redact non-display fields).
   */
  void clientBytes(byte[] data, ScreenSnapshot screenBeforeSend);

  /** A free-text annotation (one line). */
  void note(String line);

  /** Ends the trace; later calls are ignored. */
  void close();
}
