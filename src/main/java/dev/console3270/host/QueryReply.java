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
    int p = 1;
    while (p + 4 <= record.length) {
      int len = u16(record, p);
      if (len == 0) {
        len = record.length - p;
      }
      if (len < 4 || p + len > record.length) {
        break;
      }
      if ((record[p + 2] & 0xff) == QUERY_REPLY) {
        int qcode = record[p + 3] & 0xff;
        if (qcode == QCODE_USABLE_AREA && len >= 10) {
          usable = new Size(u16(record, p + 8), u16(record, p + 6));
        } else if (qcode == QCODE_IMPLICIT_PARTITION && len >= 17) {
          implicit = new Size(u16(record, p + 15), u16(record, p + 13));
        }
      }
      p += len;
    }
    return Optional.ofNullable(implicit != null ? implicit : usable);
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
