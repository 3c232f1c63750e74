package dev.console3270.session;

import dev.console3270.protocol.screen.ScreenSnapshot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a session reports every byte it reads and writes while a trace is on. Called on the
 * session's thread; an implementation must not block for long (buffer, and write in the background
 * if needed).
 */
public interface TraceSink {
  /** Plain (decrypted) bytes from the host, as the terminal receives them. */
  void hostBytes(byte[] data, int off, int len);

  /**
   * Bytes the terminal sends to the host.
   *
   * @param screenBeforeSend the screen at the moment of sending, to redact non-display input
   */
  void clientBytes(byte[] data, ScreenSnapshot screenBeforeSend);

  /** A line of annotation (connect, TLS, disconnect, keepalive). */
  void note(String line);

  /** Ends the trace and closes its file. */
  void close();

  /** Opens a trace sink for a session: the seam where the trace writer is plugged in. */
  @FunctionalInterface
  interface Factory {
    /**
     * A sink writing {@code file}.
     *
     * @param redact replace input typed into non-display fields by a marker of the same length
     */
    TraceSink open(Path file, boolean redact, SessionProfile profile) throws IOException;

    /** The factory sessions use unless told otherwise: an x3270-format {@link TraceWriter}. */
    Factory DEFAULT =
        (file, redact, profile) -> TraceWriter.open(file, TraceWriter.Header.of(profile), redact);
  }
}
