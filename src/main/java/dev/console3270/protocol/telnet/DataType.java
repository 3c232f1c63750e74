package dev.console3270.protocol.telnet;

/** The TN3270E header's data type (RFC 2355 section 8.1, plus BID from the contention draft). */
public enum DataType {
  /** 3270 data stream. */
  DATA_3270(0x00),
  /** SCS (printer) data. */
  SCS_DATA(0x01),
  /** A positive or negative response. */
  RESPONSE(0x02),
  /** A BIND image. */
  BIND_IMAGE(0x03),
  /** UNBIND. */
  UNBIND(0x04),
  /** NVT data inside TN3270E. */
  NVT_DATA(0x05),
  /** A request (ERR-COND-CLEARED). */
  REQUEST(0x06),
  /** SSCP-LU session data. */
  SSCP_LU_DATA(0x07),
  /** Printer end of job. */
  PRINT_EOJ(0x08),
  /** BID (contention resolution). */
  BID(0x09),
  /** Any other code. */
  UNKNOWN(-1);

  private final int code;

  DataType(int code) {
    this.code = code;
  }

  /** The code on the wire, or -1 for {@link #UNKNOWN}. */
  public int code() {
    return code;
  }

  /** The data type for a wire code; {@link #UNKNOWN} when it is not one. */
  public static DataType of(int code) {
    for (DataType t : values()) {
      if (t.code == code && t != UNKNOWN) {
        return t;
      }
    }
    return UNKNOWN;
  }
}
