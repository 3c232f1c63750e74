package dev.console3270.protocol.datastream;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.ReplyMode;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenBuffer;

/**
 * Builds inbound 3270 data (terminal to host): Read Modified, Read Modified All and Read Buffer
 * replies in the current reply mode. The result is the 3270 data alone, without TN3270E header or
 * telnet framing.
 *
 * <p>The encodings follow x3270 4.x: nulls are left out of Read Modified data wherever they are in
 * a field, fields are sent in buffer order starting with the first field attribute at or after
 * address 0, field attribute bytes go out in their "graphic" form (the six low bits through the
 * address code table), a cell in the APL character set is sent as Graphic Escape + code, and in
 * character reply mode an SA order is inserted whenever one of the selected character attributes
 * changes from one sent character to the next.
 */
public final class InboundEncoder {

  /** Order: Set Buffer Address. */
  static final int ORDER_SBA = 0x11;

  /** Order: Start Field. */
  static final int ORDER_SF = 0x1d;

  /** Order: Start Field Extended. */
  static final int ORDER_SFE = 0x29;

  /** Order: Set Attribute. */
  static final int ORDER_SA = 0x28;

  /** Order: Graphic Escape. */
  static final int ORDER_GE = 0x08;

  /** The Test Request Read heading sent for SysReq: SOH % / STX. */
  private static final byte[] TEST_REQUEST = {0x01, 0x6c, 0x61, 0x02};

  private InboundEncoder() {}

  /**
   * The Read Modified reply for an AID: the AID alone (short read) for PA keys and Clear, else AID,
   * cursor address and, for each modified field, SBA + address + its data with nulls suppressed.
   * The selector-pen AID sends the SBA of each modified field but no data; SysReq sends the Test
   * Request Read heading (SOH % / STX) instead of AID and cursor.
   *
   * @param all true for Read Modified All (a short-read AID still sends its fields)
   */
  public static byte[] readModified(TerminalState state, Aid aid, boolean all) {
    ScreenBuffer screen = state.screen();
    int size = screen.size();
    ByteSink out = new ByteSink();
    boolean sendData = true;
    if (aid == Aid.SYSREQ) {
      out.writeBytes(TEST_REQUEST);
    } else {
      out.write(aid.code());
      if (aid.isShortRead() && !all) {
        return out.toByteArray();
      }
      if (aid == Aid.SELECTOR_PEN && !all) {
        sendData = false;
      }
      writeAddress(out, screen.cursor(), size);
    }
    InboundAttributeTracker sa = new InboundAttributeTracker(state);
    int first = firstFieldAttribute(screen, size);
    if (first >= 0) {
      int fa = first;
      do {
        int next = screen.nextFieldAttribute(fa);
        if ((screen.fieldAttributeByte(fa) & FieldAttribute.MDT) != 0) {
          int a = fa + 1 == size ? 0 : fa + 1;
          out.write(ORDER_SBA);
          writeAddress(out, a, size);
          if (sendData) {
            while (a != next) {
              writeDataCell(out, screen, a, sa);
              a = a + 1 == size ? 0 : a + 1;
            }
          }
        }
        fa = next;
      } while (fa != first);
    } else {
      for (int a = 0; a < size; a++) {
        writeDataCell(out, screen, a, sa);
      }
    }
    return out.toByteArray();
  }

  /** The Read Buffer reply: AID, cursor address, then every cell in the current reply mode. */
  public static byte[] readBuffer(TerminalState state, Aid aid) {
    ScreenBuffer screen = state.screen();
    int size = screen.size();
    ByteSink out = new ByteSink();
    out.write(aid.code());
    writeAddress(out, screen.cursor(), size);
    InboundAttributeTracker sa = new InboundAttributeTracker(state);
    boolean fieldMode = state.replyMode() == ReplyMode.FIELD;
    for (int a = 0; a < size; a++) {
      if (screen.isFieldAttribute(a)) {
        int faByte = graphicAttribute(screen.fieldAttributeByte(a));
        if (fieldMode) {
          out.write(ORDER_SF);
          out.write(faByte);
        } else {
          writeSfe(out, screen, a, faByte);
        }
      } else {
        sa.update(out, screen, a);
        writeCharacter(out, screen, a);
      }
    }
    return out.toByteArray();
  }

  /**
   * The field attribute byte as sent inbound: its six low bits through the address code table, so
   * that the byte is always a graphic EBCDIC character (x3270's form).
   */
  public static int graphicAttribute(int attribute) {
    return BufferAddress.code(attribute & 0x3f);
  }

  /**
   * The character set value sent to the host for a cell's stored character set: APL (X'F1'), line
   * drawing (X'F2') and DBCS (X'F8') keep their values, anything else is the default (X'00').
   */
  static int hostCharset(int charset) {
    return switch (charset) {
      case Attributes.CS_APL, 0xf2, Attributes.CS_DBCS -> charset;
      default -> Attributes.CS_DEFAULT;
    };
  }

  /**
   * The highlighting value sent to the host: x3270 keeps only the low four bits, so the default
   * (X'00') and normal (X'F0') both go out as X'00'; anything else goes out as X'Fn'.
   */
  static int hostHighlight(int highlight) {
    int low = highlight & 0x0f;
    return low == 0 ? 0 : 0xf0 | low;
  }

  /** The first field attribute at or after address 0, or -1 on an unformatted screen. */
  private static int firstFieldAttribute(ScreenBuffer screen, int size) {
    if (!screen.isFormatted()) {
      return -1;
    }
    for (int a = 0; a < size; a++) {
      if (screen.isFieldAttribute(a)) {
        return a;
      }
    }
    return -1;
  }

  private static void writeSfe(ByteSink out, ScreenBuffer screen, int a, int fa) {
    int fg = screen.foregroundAt(a);
    int bg = screen.backgroundAt(a);
    int hl = hostHighlight(screen.highlightAt(a));
    int cs = hostCharset(screen.charsetAt(a));
    int count = 1 + (fg != 0 ? 1 : 0) + (bg != 0 ? 1 : 0) + (hl != 0 ? 1 : 0) + (cs != 0 ? 1 : 0);
    out.write(ORDER_SFE);
    out.write(count);
    out.write(Attributes.TYPE_FIELD);
    out.write(fa);
    if (fg != 0) {
      out.write(Attributes.TYPE_FOREGROUND);
      out.write(fg);
    }
    if (bg != 0) {
      out.write(Attributes.TYPE_BACKGROUND);
      out.write(bg);
    }
    if (hl != 0) {
      out.write(Attributes.TYPE_HIGHLIGHT);
      out.write(hl);
    }
    if (cs != 0) {
      out.write(Attributes.TYPE_CHARSET);
      out.write(cs);
    }
  }

  /** A Read Modified data cell: nothing for a null, else SA orders as needed and the character. */
  private static void writeDataCell(
      ByteSink out, ScreenBuffer screen, int a, InboundAttributeTracker sa) {
    if (screen.charAt(a) == 0) {
      return;
    }
    sa.update(out, screen, a);
    writeCharacter(out, screen, a);
  }

  /**
   * The character set a character cell is sent with: its own, or, for a non-null character whose
   * own is the default, its field's (x3270 4.6 reports a default-charset character in an SFE
   * charset X'F1' field as GE; nulls stay plain, as s3270 4.1 shows).
   */
  static int effectiveCharset(ScreenBuffer screen, int a) {
    int cs = screen.charsetAt(a);
    if (cs == Attributes.CS_DEFAULT && screen.charAt(a) != 0) {
      int field = screen.fieldStart(a);
      if (field >= 0) {
        return screen.charsetAt(field);
      }
    }
    return cs;
  }

  private static void writeCharacter(ByteSink out, ScreenBuffer screen, int a) {
    if (effectiveCharset(screen, a) == Attributes.CS_APL) {
      out.write(ORDER_GE);
    }
    out.write(screen.charAt(a));
  }

  private static void writeAddress(ByteSink out, int address, int size) {
    int packed = BufferAddress.encode(address, size);
    out.write(packed >> 8);
    out.write(packed & 0xff);
  }
}
