package dev.console3270.protocol.telnet;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two emulator bursts that hold Query Replies, ignoring the documented capability
 * differences: RPQ Names (X'A1': ours names console3270), Distributed Data Management (X'95': no
 * IND$FILE yet), and those two codes in the Summary (X'80').
 */
public final class QueryReplyDiff {
  private QueryReplyDiff() {}

  public static boolean sameApartFromCapabilities(byte[] want, byte[] got) {
    List<byte[]> a = records(want);
    List<byte[]> b = records(got);
    if (a.size() != b.size()) {
      return false;
    }
    boolean anyQuery = false;
    for (int i = 0; i < a.size(); i++) {
      if (Arrays.equals(a.get(i), b.get(i))) {
        continue;
      }
      Map<Integer, byte[]> qa = queryReplies(a.get(i));
      Map<Integer, byte[]> qb = queryReplies(b.get(i));
      if (qa == null || qb == null || !Arrays.equals(prefix(a.get(i)), prefix(b.get(i)))) {
        return false;
      }
      anyQuery = true;
      if (!qa.keySet().equals(qb.keySet())) {
        return false;
      }
      for (Map.Entry<Integer, byte[]> e : qa.entrySet()) {
        if (!Arrays.equals(e.getValue(), qb.get(e.getKey()))) {
          return false;
        }
      }
    }
    return anyQuery;
  }

  /**
   * True when the bursts are equal, or equal as Query Replies, once the sequence numbers of their
   * TN3270E 3270-DATA headers are ignored.
   */
  public static boolean sameApartFromSequence(byte[] want, byte[] got) {
    List<byte[]> a = records(want);
    List<byte[]> b = records(got);
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      byte[] x = withoutSequence(a.get(i));
      byte[] y = withoutSequence(b.get(i));
      if (!Arrays.equals(x, y) && !sameApartFromCapabilities(frame(x), frame(y))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] withoutSequence(byte[] record) {
    byte[] r = record.clone();
    if (r.length >= 5 && r[0] == 0) {
      r[3] = 0;
      r[4] = 0;
    }
    return r;
  }

  private static byte[] frame(byte[] record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte c : record) {
      out.write(c);
      if ((c & 0xff) == 0xff) {
        out.write(0xff);
      }
    }
    out.write(0xff);
    out.write(0xef);
    return out.toByteArray();
  }

  /** The bytes before the AID: a TN3270E header, when the record has one. */
  private static byte[] prefix(byte[] record) {
    int aid = aidOffset(record);
    return aid < 0 ? record : Arrays.copyOf(record, aid);
  }

  private static int aidOffset(byte[] record) {
    if (record.length > 0 && (record[0] & 0xff) == 0x88) {
      return 0;
    }
    if (record.length > 5 && (record[5] & 0xff) == 0x88) {
      return 5;
    }
    return -1;
  }

  /** The Query Replies of an inbound record by QCODE, without the ignored ones; null if none. */
  private static Map<Integer, byte[]> queryReplies(byte[] record) {
    int i = aidOffset(record);
    if (i < 0) {
      return null;
    }
    i++;
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    while (i + 4 <= record.length) {
      int len = ((record[i] & 0xff) << 8) | (record[i + 1] & 0xff);
      if (len < 4 || i + len > record.length || (record[i + 2] & 0xff) != 0x81) {
        return null;
      }
      int code = record[i + 3] & 0xff;
      byte[] body = Arrays.copyOfRange(record, i + 4, i + len);
      if (code == 0x80) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        for (byte c : body) {
          if ((c & 0xff) != 0x95 && (c & 0xff) != 0xa1) {
            kept.write(c);
          }
        }
        body = kept.toByteArray();
      }
      if (code != 0xa1 && code != 0x95) {
        out.put(code, body);
      }
      i += len;
    }
    return i == record.length ? out : null;
  }

  /** Records of a burst: split after IAC EOR, IAC IAC undoubled; telnet commands kept apart. */
  private static List<byte[]> records(byte[] burst) {
    List<byte[]> out = new ArrayList<>();
    ByteArrayOutputStream cur = new ByteArrayOutputStream();
    for (int i = 0; i < burst.length; i++) {
      int c = burst[i] & 0xff;
      if (c == 0xff && i + 1 < burst.length) {
        int n = burst[i + 1] & 0xff;
        if (n == 0xff) {
          cur.write(0xff);
          i++;
          continue;
        }
        if (n == 0xef) {
          out.add(cur.toByteArray());
          cur.reset();
          i++;
          continue;
        }
      }
      cur.write(c);
    }
    if (cur.size() > 0) {
      out.add(cur.toByteArray());
    }
    return out;
  }
}
