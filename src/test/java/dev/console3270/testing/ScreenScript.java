package dev.console3270.testing;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.ScreenBuffer;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Builds one screen two ways at once, for comparing with s3270 without a data-stream processor: as
 * a 3270 Erase/Write record (SBA, SF, SA character set, GE, IC and data bytes only) that s3270 can
 * be sent in a trace, and as the {@link ScreenBuffer} those orders should produce (24x80).
 */
public final class ScreenScript {

  private static final int ROWS = 24;
  private static final int COLS = 80;

  private final ByteArrayOutputStream record = new ByteArrayOutputStream();
  private final ScreenBuffer buffer = new ScreenBuffer(ROWS, COLS, ROWS, COLS);
  private int address;
  private int charset;

  /** Starts an Erase/Write with WCC restore and reset MDT. */
  public ScreenScript() {
    record.write(0xf5);
    record.write(0xc3);
  }

  /** Set Buffer Address to a 0-origin position. */
  public ScreenScript at(int row, int col) {
    address = row * COLS + col;
    int a = BufferAddress.encode(address, ROWS * COLS);
    record.write(0x11);
    record.write(a >> 8);
    record.write(a & 0xff);
    return this;
  }

  /** Start Field with attribute bits (protected 0x20, numeric 0x10, display 0x0c, MDT 0x01). */
  public ScreenScript field(int bits) {
    record.write(0x1d);
    record.write(BufferAddress.code(bits & 0x3f));
    buffer.setFieldAttribute(address, bits & 0x3f);
    advance();
    return this;
  }

  /** Set Attribute character set: 0 default, {@link Attributes#CS_APL} APL. */
  public ScreenScript charset(int cs) {
    record.write(0x28);
    record.write(Attributes.TYPE_CHARSET);
    record.write(cs);
    charset = cs;
    return this;
  }

  /** Data bytes: each stored as an EBCDIC code in the current character set. */
  public ScreenScript codes(int... codes) {
    for (int c : codes) {
      record.write(c);
      buffer.setChar(address, c, charset, 0, 0, 0);
      advance();
    }
    return this;
  }

  /** Text, encoded with a code page. */
  public ScreenScript text(String s, CodePage codePage) {
    for (char ch : s.toCharArray()) {
      codes(codePage.toEbcdic(ch));
    }
    return this;
  }

  /** Graphic Escape: one APL character. */
  public ScreenScript ge(int code) {
    record.write(0x08);
    record.write(code);
    buffer.setChar(address, code, Attributes.CS_APL, 0, 0, 0);
    advance();
    return this;
  }

  /** Insert Cursor at the current address. */
  public ScreenScript cursor() {
    record.write(0x13);
    buffer.setCursor(address);
    return this;
  }

  private void advance() {
    address = (address + 1) % (ROWS * COLS);
  }

  /** The screen the record draws. */
  public ScreenSnapshot snapshot() {
    return buffer.snapshot();
  }

  /** The screen the record draws, with the cursor moved to a 0-origin position. */
  public ScreenSnapshot snapshotWithCursor(int row, int col) {
    int saved = buffer.cursor();
    buffer.setCursor(row * COLS + col);
    ScreenSnapshot s = buffer.snapshot();
    buffer.setCursor(saved);
    return s;
  }

  /** The record, IAC-doubled and ended with IAC EOR. */
  public byte[] recordBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : record.toByteArray()) {
      out.write(b);
      if (b == (byte) 0xff) {
        out.write(0xff);
      }
    }
    out.write(0xff);
    out.write(0xef);
    return out.toByteArray();
  }

  /**
   * A trace that negotiates plain TN3270 (terminal type, EOR, binary) for a 3279-2-E and then sends
   * the record.
   */
  public TraceFile trace() {
    HexFormat hex = HexFormat.of();
    String text =
        "< 0x0   fffd18\n"
            + "> 0x0   fffb18\n"
            + "< 0x0   fffa1801fff0\n"
            + "> 0x0   fffa180049424d2d333237392d322d45fff0\n"
            + "< 0x0   fffd19fffb19fffd00fffb00\n"
            + "> 0x0   fffb19fffd19fffb00fffd00\n"
            + "< 0x0   "
            + hex.formatHex(recordBytes())
            + "\n";
    return TraceFile.parse(text);
  }
}
