package dev.console3270.protocol.telnet;

/**
 * The 5-byte TN3270E header (RFC 2355 section 8).
 *
 * @param dataTypeCode the data type byte
 * @param requestFlag the request flag byte (e.g. {@link #RQF_SEND_DATA} on 3270-DATA)
 * @param responseFlag the response flag byte ({@link #RSF_NO_RESPONSE}, {@link
 *     #RSF_ERROR_RESPONSE}, {@link #RSF_ALWAYS_RESPONSE}; on RESPONSE records {@link
 *     #RSF_POSITIVE_RESPONSE} or {@link #RSF_NEGATIVE_RESPONSE})
 * @param sequenceNumber the 16-bit sequence number
 */
public record Tn3270eHeader(
    int dataTypeCode, int requestFlag, int responseFlag, int sequenceNumber) {

  /** Size of the header in bytes. */
  public static final int SIZE = 5;

  /** Response flag: no response wanted. */
  public static final int RSF_NO_RESPONSE = 0x00;

  /** Response flag: respond only on error. */
  public static final int RSF_ERROR_RESPONSE = 0x01;

  /** Response flag: always respond. */
  public static final int RSF_ALWAYS_RESPONSE = 0x02;

  /** Response flag on a RESPONSE record: positive. */
  public static final int RSF_POSITIVE_RESPONSE = 0x00;

  /** Response flag on a RESPONSE record: negative. */
  public static final int RSF_NEGATIVE_RESPONSE = 0x01;

  /** Request flag on REQUEST records: ERR-COND-CLEARED. */
  public static final int RQF_ERR_COND_CLEARED = 0x00;

  /** Request flag on 3270-DATA (contention resolution): SEND-DATA. */
  public static final int RQF_SEND_DATA = 0x01;

  /** Request flag on 3270-DATA (contention resolution): KEYBOARD-RESTORE. */
  public static final int RQF_KEYBOARD_RESTORE = 0x02;

  /** Request flag on 3270-DATA (contention resolution): BID. */
  public static final int RQF_BID = 0x04;

  /** Positive response reason: DEVICE-END. */
  public static final int POS_DEVICE_END = 0x00;

  /** Negative response reason: COMMAND-REJECT. */
  public static final int NEG_COMMAND_REJECT = 0x00;

  /** Negative response reason: INTERVENTION-REQUIRED. */
  public static final int NEG_INTERVENTION_REQUIRED = 0x01;

  /** Negative response reason: OPERATION-CHECK. */
  public static final int NEG_OPERATION_CHECK = 0x02;

  /** Negative response reason: COMPONENT-DISCONNECTED. */
  public static final int NEG_COMPONENT_DISCONNECTED = 0x03;

  public Tn3270eHeader {
    if ((dataTypeCode & ~0xff) != 0
        || (requestFlag & ~0xff) != 0
        || (responseFlag & ~0xff) != 0
        || (sequenceNumber & ~0xffff) != 0) {
      throw new IllegalArgumentException("header field out of range");
    }
  }

  /** Parses the first five bytes of {@code record} (which must have at least five). */
  public static Tn3270eHeader parse(byte[] record) {
    return new Tn3270eHeader(
        record[0] & 0xff,
        record[1] & 0xff,
        record[2] & 0xff,
        ((record[3] & 0xff) << 8) | (record[4] & 0xff));
  }

  /** The data type. */
  public DataType dataType() {
    return DataType.of(dataTypeCode);
  }

  /** The five header bytes (not IAC-doubled). */
  public byte[] toBytes() {
    return new byte[] {
      (byte) dataTypeCode,
      (byte) requestFlag,
      (byte) responseFlag,
      (byte) (sequenceNumber >> 8),
      (byte) sequenceNumber
    };
  }

  /** True when the host asked for a response in every case. */
  public boolean alwaysResponse() {
    return responseFlag == RSF_ALWAYS_RESPONSE;
  }

  /** True when the host asked for a response on error only. */
  public boolean errorResponse() {
    return responseFlag == RSF_ERROR_RESPONSE;
  }
}
