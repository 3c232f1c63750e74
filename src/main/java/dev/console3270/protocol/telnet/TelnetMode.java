package dev.console3270.protocol.telnet;

/** The connection mode as the telnet negotiation has left it (x3270's connection states). */
public enum TelnetMode {
  /** Connected, nothing negotiated yet and no data seen. */
  PENDING,
  /** Plain NVT (line-by-line ASCII) mode: neither TN3270 nor TN3270E negotiated. */
  NVT,
  /** TN3270 (RFC 1576): BINARY, EOR and TERMINAL-TYPE on, records without a header. */
  TN3270,
  /** TN3270E agreed but not (yet) bound, or the function negotiation is still running. */
  TN3270E_UNBOUND,
  /** TN3270E, the host sent NVT-DATA. */
  TN3270E_NVT,
  /** TN3270E, SSCP-LU session (SSCP-LU-DATA). */
  TN3270E_SSCP_LU,
  /** TN3270E, LU-LU session: 3270 data stream. */
  TN3270E_3270;

  /** True in any TN3270E mode. */
  public boolean isTn3270e() {
    return this == TN3270E_UNBOUND
        || this == TN3270E_NVT
        || this == TN3270E_SSCP_LU
        || this == TN3270E_3270;
  }

  /** True when 3270 data stream records flow (TN3270 or TN3270E LU-LU). */
  public boolean is3270() {
    return this == TN3270 || this == TN3270E_3270;
  }
}
