package dev.console3270.session;

import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;

/**
 * Hides what the operator typed into non-display fields (passwords) in a 3270 record the client
 * sends, keeping every length the same: a pure function over one record.
 *
 * <p>The record is the inbound 3270 data without telnet framing (IAC not doubled, no IAC EOR),
 * optionally preceded by the 5-byte TN3270E header. It is parsed as x3270 builds it: the AID (or
 * the Test Request Read heading {@code 01 6C 61 02} of SysReq, which has no cursor address), the
 * cursor address, then either SBA + address + data runs (Read Modified, Read Modified All) or the
 * whole buffer from address 0 with SF / SFE / SA / GE orders (Read Buffer, recognised by its first
 * byte not being an SBA). Every data byte whose address lies in a non-display field of the screen
 * the record was built from is replaced by {@link #MARKER}; orders, addresses and attribute bytes
 * are kept. After a Graphic Escape the escaped byte is the data byte.
 *
 * <p>Left unchanged: records with a TN3270E header whose data type is not 3270-DATA, structured
 * field replies (AID X'88', Query Replies), short reads, and anything when the screen is
 * unformatted (no fields, so nothing is non-display). A truncated order ends the parse; nothing
 * follows it.
 */
public final class TraceRedactor {

  /** The byte that replaces hidden data: EBCDIC {@code *}. */
  public static final int MARKER = 0x5c;

  private static final int SBA = 0x11;
  private static final int SF = 0x1d;
  private static final int SFE = 0x29;
  private static final int SA = 0x28;
  private static final int GE = 0x08;
  private static final int AID_STRUCTURED_FIELD = 0x88;
  private static final byte[] TEST_REQUEST = {0x01, 0x6c, 0x61, 0x02};

  private TraceRedactor() {}

  /**
   * A copy of {@code record} with the data of non-display fields replaced by {@link #MARKER}.
   *
   * @param record the 3270 record the client sends, without telnet framing
   * @param tn3270eHeader true when the record starts with a 5-byte TN3270E header
   * @param screen the screen just before the record was sent, or null (nothing is redacted)
   */
  public static byte[] redact(byte[] record, boolean tn3270eHeader, ScreenSnapshot screen) {
    byte[] out = record.clone();
    if (screen == null || screen.size() == 0 || !screen.isFormatted()) {
      return out;
    }
    int p = 0;
    if (tn3270eHeader) {
      if (out.length < 5 || out[0] != 0x00) {
        return out;
      }
      p = 5;
    }
    if (p >= out.length) {
      return out;
    }
    if (startsWith(out, p, TEST_REQUEST)) {
      p += TEST_REQUEST.length;
    } else {
      if ((out[p] & 0xff) == AID_STRUCTURED_FIELD) {
        return out;
      }
      p += 3; // AID and cursor address
    }
    if (p >= out.length) {
      return out;
    }
    boolean[] hidden = nonDisplayCells(screen);
    int size = hidden.length;
    // Read Buffer starts at address 0 without an SBA; Read Modified starts every run with one.
    int address = 0;
    while (p < out.length) {
      int b = out[p] & 0xff;
      switch (b) {
        case SBA -> {
          if (p + 2 >= out.length) {
            return out;
          }
          address = BufferAddress.decode(out[p + 1] & 0xff, out[p + 2] & 0xff) % size;
          p += 3;
        }
        case SF -> {
          p += 2;
          address = (address + 1) % size;
        }
        case SFE -> {
          if (p + 1 >= out.length) {
            return out;
          }
          p += 2 + 2 * (out[p + 1] & 0xff);
          address = (address + 1) % size;
        }
        case SA -> p += 3;
        case GE -> {
          if (p + 1 >= out.length) {
            return out;
          }
          if (hidden[address]) {
            out[p + 1] = (byte) MARKER;
          }
          p += 2;
          address = (address + 1) % size;
        }
        default -> {
          if (hidden[address]) {
            out[p] = (byte) MARKER;
          }
          p++;
          address = (address + 1) % size;
        }
      }
    }
    return out;
  }

  /**
   * For each address, true when the field attribute governing it is non-display (attribute
   * positions themselves are false).
   */
  static boolean[] nonDisplayCells(ScreenSnapshot screen) {
    int size = screen.size();
    boolean[] hidden = new boolean[size];
    int last = -1;
    for (int a = size - 1; a >= 0 && last < 0; a--) {
      if (screen.isFieldAttribute(a)) {
        last = a;
      }
    }
    if (last < 0) {
      return hidden;
    }
    boolean current = isNonDisplay(screen.fieldAttributeByte(last));
    for (int a = 0; a < size; a++) {
      if (screen.isFieldAttribute(a)) {
        current = isNonDisplay(screen.fieldAttributeByte(a));
      } else {
        hidden[a] = current;
      }
    }
    return hidden;
  }

  private static boolean isNonDisplay(int attribute) {
    return new FieldAttribute(attribute).isNonDisplay();
  }

  private static boolean startsWith(byte[] data, int p, byte[] prefix) {
    if (data.length - p < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[p + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
