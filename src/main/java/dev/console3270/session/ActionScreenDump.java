package dev.console3270.session;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.GraphicEscape;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The screen dumps of the action language: {@code ReadBuffer} and {@code PrintText}. */
public final class ActionScreenDump {

  private ActionScreenDump() {}

  /**
   * {@code ReadBuffer(Ascii)} or {@code ReadBuffer(Ebcdic)} as s3270 4.1 prints it: one line per
   * row, cells separated by blanks; a field attribute is {@code SF(c0=XX[,41=XX][,43=XX])}; a cell
   * whose own highlighting, colours or character set differ from the cell before it gets {@code
   * SA(type=value)} first; a character is its hex code (Unicode/UTF-8 for Ascii, raw EBCDIC for
   * Ebcdic), a null is {@code 00}.
   */
  public static List<String> readBuffer(ScreenSnapshot s, CodePage cp, boolean ebcdic) {
    List<String> out = new ArrayList<>();
    int fg = 0;
    int bg = 0;
    int hl = 0;
    int cs = 0;
    for (int r = 0; r < s.rows(); r++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < s.cols(); c++) {
        int a = r * s.cols() + c;
        if (line.length() > 0) {
          line.append(' ');
        }
        if (s.isFieldAttribute(a)) {
          int fa = s.fieldAttributeByte(a);
          line.append(String.format("SF(%02x=%02x", Attributes.TYPE_FIELD, 0xc0 | (fa & 0x3f)));
          appendIf(line, Attributes.TYPE_HIGHLIGHT, s.highlightAt(a));
          appendIf(line, Attributes.TYPE_FOREGROUND, s.foregroundAt(a));
          appendIf(line, Attributes.TYPE_CHARSET, s.charsetAt(a));
          appendIf(line, Attributes.TYPE_BACKGROUND, s.backgroundAt(a));
          line.append(')');
          fg = 0;
          bg = 0;
          hl = 0;
          cs = 0;
          continue;
        }
        if (s.foregroundAt(a) != fg) {
          fg = s.foregroundAt(a);
          line.append(String.format("SA(%02x=%02x) ", Attributes.TYPE_FOREGROUND, fg));
        }
        if (s.backgroundAt(a) != bg) {
          bg = s.backgroundAt(a);
          line.append(String.format("SA(%02x=%02x) ", Attributes.TYPE_BACKGROUND, bg));
        }
        if (s.highlightAt(a) != hl) {
          hl = s.highlightAt(a);
          line.append(String.format("SA(%02x=%02x) ", Attributes.TYPE_HIGHLIGHT, hl));
        }
        if (s.charsetAt(a) != cs) {
          cs = s.charsetAt(a);
          line.append(String.format("SA(%02x=%02x) ", Attributes.TYPE_CHARSET, cs));
        }
        int code = s.charAt(a);
        if (ebcdic || code == 0) {
          line.append(String.format("%02x", code));
        } else {
          char ch =
              s.charsetAt(a) == Attributes.CS_APL ? GraphicEscape.display(code) : cp.display(code);
          for (byte b : String.valueOf(ch).getBytes(StandardCharsets.UTF_8)) {
            line.append(String.format("%02x", b & 0xff));
          }
        }
      }
      out.add(line.toString());
    }
    return out;
  }

  private static void appendIf(StringBuilder line, int type, int value) {
    if (value != 0) {
      line.append(String.format(",%02x=%02x", type, value));
    }
  }

  /**
   * The field under the cursor as {@code AsciiField()} (or {@code EbcdicField()}) prints it in
   * s3270 4.1: from the cell after its attribute to the next attribute, wrapping from the last cell
   * to the first, a new line at each row end; null on an unformatted screen.
   */
  public static List<String> field(ScreenSnapshot s, CodePage cp, boolean ebcdic) {
    if (!s.isFormatted()) {
      return null;
    }
    int n = s.size();
    int fa = governingAttribute(s, s.cursor());
    char[] chars = ScreenText.displayChars(s, cp);
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int a = (fa + 1) % n;
    boolean first = true;
    while (!s.isFieldAttribute(a)) {
      if (!first && a % s.cols() == 0) {
        out.add(line.toString());
        line.setLength(0);
      }
      first = false;
      if (ebcdic) {
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(String.format("%02x", s.charAt(a)));
      } else {
        line.append(chars[a]);
      }
      a = (a + 1) % n;
    }
    out.add(line.toString());
    return out;
  }

  /**
   * {@code PrintText}'s output: plain text is the screen as {@code Ascii()} shows it, each row
   * ending in a newline; HTML is the same text in a {@code <pre>} with one {@code <span>} per run
   * of cells of the same colours and weight, colours as x3270 maps them (host colours, else green,
   * red, blue, white by protection and intensity); the cursor's cell is shown in reverse video of
   * the field's default colour, as x3270 writes it.
   */
  public static String printText(ScreenSnapshot s, CodePage cp, boolean html) {
    List<String> rows = ScreenText.ascii(s, cp);
    if (!html) {
      StringBuilder sb = new StringBuilder();
      for (String r : rows) {
        sb.append(r).append('\n');
      }
      return sb.toString();
    }
    char[] chars = ScreenText.displayChars(s, cp);
    StringBuilder body = new StringBuilder();
    String current = null;
    int n = s.size();
    for (int a = 0; a < n; a++) {
      if (a > 0 && a % s.cols() == 0) {
        body.append('\n');
      }
      String style = style(s, a);
      if (!style.equals(current)) {
        if (current != null) {
          body.append("</span>");
        }
        body.append("<span style=\"").append(style).append("\">");
        current = style;
      }
      body.append(escape(chars[a]));
    }
    if (current != null) {
      body.append("</span>");
    }
    return "<html>\n<head>\n <meta http-equiv=\"Content-Type\" content=\"text/html;"
        + " charset=utf-8\">\n</head>\n <body>\n  <table border=0><tr bgcolor=black><td><pre>"
        + body
        + "</pre></td></tr>\n  </table>\n </body>\n</html>\n";
  }

  private static String escape(char c) {
    return switch (c) {
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '&' -> "&amp;";
      case '"' -> "&quot;";
      default -> String.valueOf(c);
    };
  }

  private static int governingAttribute(ScreenSnapshot s, int address) {
    int n = s.size();
    int a = address;
    for (int i = 0; i < n; i++) {
      if (s.isFieldAttribute(a)) {
        return a;
      }
      a = a == 0 ? n - 1 : a - 1;
    }
    return -1;
  }

  private static String style(ScreenSnapshot s, int a) {
    int faAddr = governingAttribute(s, a);
    FieldAttribute fa = faAddr < 0 ? null : new FieldAttribute(s.fieldAttributeByte(faAddr));
    boolean bold = fa != null && fa.isIntensified() && !s.isFieldAttribute(a);
    int fg = s.isFieldAttribute(a) ? 0 : s.foregroundAt(a);
    if (fg == 0 && faAddr >= 0) {
      fg = s.foregroundAt(faAddr);
    }
    int hl = s.isFieldAttribute(a) ? 0 : s.highlightAt(a);
    if (hl == 0 && faAddr >= 0 && !s.isFieldAttribute(a)) {
      hl = s.highlightAt(faAddr);
    }
    int bg = s.isFieldAttribute(a) ? 0 : s.backgroundAt(a);
    if (bg == 0 && faAddr >= 0) {
      bg = s.backgroundAt(faAddr);
    }
    String fore;
    if (fg != 0 && a != s.cursor()) {
      fore = colorName(fg);
    } else if (fa == null) {
      fore = "green";
    } else if (fa.isProtected()) {
      fore = fa.isIntensified() ? "white" : "deepSkyBlue";
    } else {
      fore = fa.isIntensified() ? "red" : "green";
    }
    String back = bg != 0 ? colorName(bg) : "black";
    if ((hl == Attributes.HL_REVERSE) != (a == s.cursor())) {
      String t = fore;
      fore = back;
      back = t;
    }
    return "color:"
        + fore
        + ";background:"
        + back
        + ";font-weight:"
        + (bold ? "bold" : "normal")
        + ";font-style:normal;text-decoration:"
        + (hl == Attributes.HL_UNDERSCORE ? "underline" : "none");
  }

  private static String colorName(int code) {
    return switch (code) {
      case 0xf1 -> "deepSkyBlue";
      case 0xf2 -> "red";
      case 0xf3 -> "pink";
      case 0xf4 -> "green";
      case 0xf5 -> "turquoise";
      case 0xf6 -> "yellow";
      case 0xf7, 0xff -> "white";
      case 0xf9 -> "blue";
      case 0xfa -> "orange";
      case 0xfb -> "purple";
      case 0xfc -> "paleGreen";
      case 0xfd -> "paleTurquoise";
      case 0xfe -> "grey";
      default -> "black";
    };
  }
}
