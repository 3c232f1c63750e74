package dev.console3270.host;

import java.util.Optional;

/**
 * Reads the client's answer to Read Partition Query (an inbound record starting with AID X'88'):
 * the alternate size from the Implicit Partition reply, else the Usable Area reply.
 */
public final class QueryReply {

  /** The outbound Write Structured Field carrying Read Partition Query. */
  static final byte[] READ_PARTITION_QUERY = {(byte) 0xf3, 0x00, 0x05, 0x01, (byte) 0xff, 0x02};

  private static final int AID_STRUCTURED_FIELD = 0x88;
  private static final int QUERY_REPLY = 0x81;
  private static final int QCODE_USABLE_AREA = 0x81;
  private static final int QCODE_IMPLICIT_PARTITION = 0xa6;
  private static final int QCODE_COLOR = 0x86;

  /** A Color reply with at least this many colour pairs describes a colour terminal. */
  static final int COLOR_PAIRS = 8;

  /**
   * A screen size.
   *
   * @param rows rows
   * @param cols columns
   */
  public record Size(int rows, int cols) {}

  private QueryReply() {}

  /** True when a record is a structured-field reply (AID X'88'). */
  public static boolean isQueryReply(byte[] record) {
    return record.length > 0 && (record[0] & 0xff) == AID_STRUCTURED_FIELD;
  }

  /**
   * The alternate size a query reply announces; empty when the record is not a query reply or
   * carries neither an Implicit Partition nor a Usable Area reply. Never throws on bad data.
   */
  public static Optional<Size> alternateSize(byte[] record) {
    if (!isQueryReply(record)) {
      return Optional.empty();
    }
    Size usable = null;
    Size implicit = null;
    int at = findReply(record, QCODE_USABLE_AREA, 10);
    if (at >= 0) {
      usable = new Size(u16(record, at + 8), u16(record, at + 6));
    }
    at = findReply(record, QCODE_IMPLICIT_PARTITION, 17);
    if (at >= 0) {
      implicit = new Size(u16(record, at + 15), u16(record, at + 13));
    }
    return Optional.ofNullable(implicit != null ? implicit : usable);
  }

  /**
   * True when the reply has a Color query reply with at least {@link #COLOR_PAIRS} colour pairs: a
   * colour terminal. TN3270E device types name only 3278 models (RFC 2355), so this, not the device
   * type, tells a colour terminal. Empty when there is no Color reply. Never throws.
   */
  public static Optional<Boolean> color(byte[] record) {
    if (!isQueryReply(record)) {
      return Optional.empty();
    }
    int at = findReply(record, QCODE_COLOR, 6);
    return at < 0 ? Optional.empty() : Optional.of((record[at + 5] & 0xff) >= COLOR_PAIRS);
  }

  /** The offset of the first query reply with this code and at least this length, or -1. */
  private static int findReply(byte[] record, int code, int minLength) {
    int p = 1;
    while (p + 4 <= record.length) {
      int len = u16(record, p);
      if (len == 0) {
        len = record.length - p;
      }
      if (len < 4 || p + len > record.length) {
        return -1;
      }
      if ((record[p + 2] & 0xff) == QUERY_REPLY
          && (record[p + 3] & 0xff) == code
          && len >= minLength) {
        return p;
      }
      p += len;
    }
    return -1;
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
