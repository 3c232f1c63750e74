package dev.console3270.host;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.Color;
import dev.console3270.protocol.screen.Highlight;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Builds the outbound 3270 data stream for a screen: Erase/Write (or Erase/Write Alternate), a WCC,
 * then SBA, SF/SFE, SA, text and IC orders. Addresses are computed for the client's actual width,
 * so a 24x80 screen also works on a larger default size.
 */
public final class ScreenRenderer {

  /** SNA command: Erase/Write. */
  public static final int CMD_ERASE_WRITE = 0xf5;

  /** SNA command: Erase/Write Alternate. */
  public static final int CMD_ERASE_WRITE_ALTERNATE = 0x7e;

  /** SNA command: Write Structured Field. */
  public static final int CMD_WSF = 0xf3;

  /** WCC: reset, restore the keyboard, reset MDTs. */
  public static final int WCC_RESTORE = 0xc3;

  /** WCC bit: sound the alarm. */
  public static final int WCC_ALARM = 0x04;

  private static final int ORDER_SF = 0x1d;
  private static final int ORDER_SFE = 0x29;
  private static final int ORDER_SBA = 0x11;
  private static final int ORDER_SA = 0x28;
  private static final int ORDER_IC = 0x13;
  private static final int STOP_ATTRIBUTE = 0x30;

  private final CodePage codePage;

  /** A renderer that encodes text with a code page. */
  public ScreenRenderer(CodePage codePage) {
    this.codePage = codePage;
  }

  /**
   * What to draw.
   *
   * @param screen the screen file
   * @param values text for fields by name (output fields and pre-filled input fields)
   * @param cursorField the input field for the cursor, or null for the screen's own choice
   * @param alarm sound the alarm
   */
  public record Display(
      ScreenDefinition screen, Map<String, String> values, String cursorField, boolean alarm) {
    public Display {
      values = Map.copyOf(values);
    }
  }

  /**
   * Renders a screen for a terminal whose active size (default, or alternate for an alternate
   * screen) is {@code rows} x {@code cols}.
   *
   * @param extended the client has the extended data stream (SFE, SA); else plain SF only
   * @throws IllegalArgumentException when the screen does not fit
   */
  public byte[] render(Display d, int rows, int cols, boolean extended) {
    ScreenDefinition s = d.screen();
    if (s.rows() > rows || s.columns() > cols) {
      throw new IllegalArgumentException(
          "screen "
              + s.name()
              + " needs "
              + s.rows()
              + "x"
              + s.columns()
              + ", have "
              + rows
              + "x"
              + cols);
    }
    int size = rows * cols;
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    out.write(s.alternate() ? CMD_ERASE_WRITE_ALTERNATE : CMD_ERASE_WRITE);
    out.write(WCC_RESTORE | (d.alarm() ? WCC_ALARM : 0));
    boolean fieldAtOrigin = s.fields().stream().anyMatch(f -> f.row() == 0 && f.column() == 0);
    if (!fieldAtOrigin) {
      sba(out, 0, size);
      out.write(ORDER_SF);
      out.write(BufferAddress.code(0x20));
    }
    for (int r = 0; r < s.lines().size(); r++) {
      for (ScreenDefinition.Run run : s.lines().get(r).runs()) {
        if (run.text().isBlank()) {
          continue;
        }
        sba(out, r * cols + run.column(), size);
        boolean styled = extended && !run.style().isPlain();
        if (styled) {
          setAttributes(out, run.style());
        }
        text(out, stripEnd(run.text()));
        if (styled) {
          out.write(ORDER_SA);
          out.write(Attributes.TYPE_ALL);
          out.write(0);
        }
      }
    }
    String cursor = d.cursorField() != null ? d.cursorField() : s.cursorField();
    int cursorAddress = -1;
    for (FieldDefinition f : s.fields()) {
      int at = f.row() * cols + f.column();
      String value = d.values().getOrDefault(f.name(), "");
      if (value.length() > f.length()) {
        value = value.substring(0, f.length());
      }
      int attr = f.attribute();
      if (f.input() && !value.isEmpty()) {
        attr |= 0x01; // MDT: pre-filled input comes back with the next Read Modified
      }
      sba(out, at, size);
      startField(out, attr, f.style(), extended);
      text(out, f.input() ? value : stripEnd(value));
      sba(out, at + f.length() + 1, size);
      startField(out, STOP_ATTRIBUTE, null, extended);
      if (f.input() && f.name().equals(cursor)) {
        cursorAddress = at + 1;
      }
    }
    if (cursorAddress < 0) {
      cursorAddress =
          s.fields().stream()
              .filter(FieldDefinition::input)
              .findFirst()
              .map(f -> f.row() * cols + f.column() + 1)
              .orElse(0);
    }
    sba(out, cursorAddress % size, size);
    out.write(ORDER_IC);
    return out.toByteArray();
  }

  private void startField(ByteArrayOutputStream out, int attr, Style style, boolean extended) {
    int encoded = BufferAddress.code(attr);
    if (!extended) {
      out.write(ORDER_SF);
      out.write(encoded);
      return;
    }
    boolean color = style != null && style.color() != Color.DEFAULT;
    boolean highlight = style != null && style.highlight() != Highlight.DEFAULT;
    out.write(ORDER_SFE);
    out.write(1 + (color ? 1 : 0) + (highlight ? 1 : 0));
    out.write(Attributes.TYPE_FIELD);
    out.write(encoded);
    if (color) {
      out.write(Attributes.TYPE_FOREGROUND);
      out.write(style.color().code());
    }
    if (highlight) {
      out.write(Attributes.TYPE_HIGHLIGHT);
      out.write(highlightCode(style.highlight()));
    }
  }

  private static void setAttributes(ByteArrayOutputStream out, Style style) {
    if (style.color() != Color.DEFAULT) {
      out.write(ORDER_SA);
      out.write(Attributes.TYPE_FOREGROUND);
      out.write(style.color().code());
    }
    if (style.highlight() != Highlight.DEFAULT) {
      out.write(ORDER_SA);
      out.write(Attributes.TYPE_HIGHLIGHT);
      out.write(highlightCode(style.highlight()));
    }
  }

  static int highlightCode(Highlight h) {
    return switch (h) {
      case DEFAULT -> Attributes.HL_DEFAULT;
      case NORMAL -> Attributes.HL_NORMAL;
      case BLINK -> Attributes.HL_BLINK;
      case REVERSE -> Attributes.HL_REVERSE;
      case UNDERSCORE -> Attributes.HL_UNDERSCORE;
      case INTENSIFY -> Attributes.HL_INTENSIFY;
    };
  }

  private static void sba(ByteArrayOutputStream out, int address, int size) {
    int a = BufferAddress.encode(address, size);
    out.write(ORDER_SBA);
    out.write(a >> 8);
    out.write(a & 0xff);
  }

  private void text(ByteArrayOutputStream out, String s) {
    for (int k = 0; k < s.length(); k++) {
      int code = codePage.toEbcdic(s.charAt(k));
      out.write(code < 0x40 ? 0x6f : code); // '?' for characters the page lacks
    }
  }

  private static String stripEnd(String s) {
    return s.stripTrailing();
  }
}
