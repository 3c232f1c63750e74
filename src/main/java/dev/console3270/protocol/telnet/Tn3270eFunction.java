package dev.console3270.protocol.telnet;

import java.util.EnumSet;
import java.util.Set;

/** TN3270E functions negotiated with FUNCTIONS REQUEST/IS (RFC 2355 section 7.3). */
public enum Tn3270eFunction {
  /** BIND-IMAGE: the host sends BIND and UNBIND. */
  BIND_IMAGE(0x00),
  /** DATA-STREAM-CTL (printers). */
  DATA_STREAM_CTL(0x01),
  /** RESPONSES: positive and negative responses, sequence numbers. */
  RESPONSES(0x02),
  /** SCS-CTL-CODES (printers). */
  SCS_CTL_CODES(0x03),
  /** SYSREQ: the SYSREQ key (IAC AO) switches between SSCP-LU and LU-LU. */
  SYSREQ(0x04),
  /** CONTENTION-RESOLUTION (RFC 4777 style BID and SEND-DATA). */
  CONTENTION_RESOLUTION(0x05),
  /** SNA-SENSE. */
  SNA_SENSE(0x06);

  private final int code;

  Tn3270eFunction(int code) {
    this.code = code;
  }

  /** The code on the wire. */
  public int code() {
    return code;
  }

  /** The function for a wire code, or null. */
  public static Tn3270eFunction of(int code) {
    for (Tn3270eFunction f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    return null;
  }

  /**
   * What x3270 4.2 and later request for a display: BIND-IMAGE, RESPONSES, SYSREQ and
   * CONTENTION-RESOLUTION.
   */
  public static Set<Tn3270eFunction> displayDefaults() {
    return EnumSet.of(BIND_IMAGE, RESPONSES, SYSREQ, CONTENTION_RESOLUTION);
  }
}
