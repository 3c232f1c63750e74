package dev.console3270.endpoint;

/**
 * Result of one health probe, named after HAProxy's check status codes. Only {@link #L7OK} counts
 * as a success for rise and fall; {@link #L4OK} and {@link #L6OK} are intermediate layers that
 * {@link Tn3270Probe} never reports as its final result (a custom {@link Probe} limited to a lower
 * layer may, and they then count as failures, since the host was not seen to speak telnet).
 */
public enum CheckResult {
  /** TCP connection accepted. */
  L4OK,
  /** TCP connection timed out. */
  L4TOUT,
  /** TCP connection refused or failed (including unknown host and unreachable network). */
  L4CON,
  /** TLS handshake done. */
  L6OK,
  /** TLS handshake timed out. */
  L6TOUT,
  /** TLS handshake failed (untrusted certificate, wrong host name, not TLS at all). */
  L6RSP,
  /** The host sent a telnet DO (IAC DO option): it speaks TN3270. The only success. */
  L7OK,
  /** The host said nothing telnet within the timeout. */
  L7TOUT,
  /** The host closed the connection or sent 4 KiB without a telnet DO: it is not telnet. */
  L7RSP;

  /** True for {@link #L7OK} only. */
  public boolean isSuccess() {
    return this == L7OK;
  }
}
