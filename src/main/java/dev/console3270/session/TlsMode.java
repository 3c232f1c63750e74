package dev.console3270.session;

/** How a session secures its connection. */
public enum TlsMode {
  /** Plain TCP. */
  NONE,
  /** TLS from the first byte (x3270's {@code L:} prefix). */
  TLS,
  /** Plain TCP, upgraded when the host negotiates telnet START-TLS (option 46), as x3270 does. */
  STARTTLS
}
