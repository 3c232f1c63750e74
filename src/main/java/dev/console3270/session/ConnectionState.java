package dev.console3270.session;

/** A session's connection state, named as x3270's {@code Query(ConnectionState)} names them. */
public enum ConnectionState {
  NOT_CONNECTED("not-connected"),
  RECONNECTING("reconnecting"),
  RESOLVING("resolving"),
  TCP_PENDING("tcp-pending"),
  TLS_PENDING("tls-pending"),
  TELNET_PENDING("telnet-pending"),
  CONNECTED_NVT("connected-nvt"),
  CONNECTED_3270("connected-3270"),
  CONNECTED_UNBOUND("connected-unbound"),
  CONNECTED_E_NVT("connected-e-nvt"),
  CONNECTED_SSCP("connected-sscp"),
  CONNECTED_TN3270E("connected-tn3270e");

  private final String x3270Name;

  ConnectionState(String x3270Name) {
    this.x3270Name = x3270Name;
  }

  /** The name x3270 prints. */
  public String x3270Name() {
    return x3270Name;
  }

  /** Connected in any mode (3270, NVT, SSCP-LU, unbound). */
  public boolean isConnected() {
    return ordinal() >= CONNECTED_NVT.ordinal();
  }

  /** Connected in a 3270 mode (TN3270 or TN3270E bound to 3270), where a screen is formatted. */
  public boolean is3270() {
    return this == CONNECTED_3270 || this == CONNECTED_TN3270E;
  }
}
