package dev.console3270.protocol.keyboard;

/**
 * Where the session is, as far as the keyboard and the OIA care. The session layer sets it on the
 * {@link Keyboard}; the keyboard rules differ by phase (x3270's {@code IN_3270}, {@code IN_E},
 * {@code IN_SSCP}, {@code IN_NVT}).
 */
public enum ConnectionPhase {
  /** No connection. */
  NOT_CONNECTED,
  /** TCP/TLS connected, telnet or TN3270E negotiation under way, or TN3270E not yet bound. */
  CONNECTING,
  /** Plain TN3270 (RFC 1576) 3270 mode. */
  TN3270,
  /** TN3270E (RFC 2355) 3270 mode, bound. */
  TN3270E,
  /** TN3270E SSCP-LU mode (unformatted line mode with the SSCP). */
  SSCP_LU,
  /** NVT (line or character) mode. */
  NVT;

  /** True when 3270 data flows: TN3270, TN3270E or SSCP-LU (x3270's {@code IN_3270}). */
  public boolean is3270() {
    return this == TN3270 || this == TN3270E || this == SSCP_LU;
  }

  /** True in a full 3270 session, not SSCP-LU (x3270's {@code IN_3270 && !IN_SSCP}). */
  public boolean isFullSession() {
    return this == TN3270 || this == TN3270E;
  }

  /** True under TN3270E, including SSCP-LU mode (x3270's {@code IN_E}). */
  public boolean isTn3270e() {
    return this == TN3270E || this == SSCP_LU;
  }

  /** True when connected at all (negotiating counts). */
  public boolean isConnected() {
    return this != NOT_CONNECTED;
  }
}
