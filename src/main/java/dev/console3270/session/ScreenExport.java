package dev.console3270.session;

import dev.console3270.audit.CardMasker;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import java.util.ArrayList;
import java.util.List;

/**
 * A screen as plain text, a standalone HTML page, or the text of a rectangle (for copying). Every
 * export shows what the operator sees: field attribute positions and every cell of a non-display
 * field are blanks, so a password typed into one never leaves the screen this way. Colours come
 * from {@link ScreenPalette}, as in the terminal view.
 *
 * <p>Card numbers are masked by default ({@link CardMasker}: first six and last four digits kept).
 * The whole screen is masked as one run of cells before anything is cut from it, so a number that
 * wraps from one row to the next is masked, and a rectangle holding part of a number shows the part
 * as masked on the full screen. The overloads with {@code maskCards} can turn it off.
 */
public final class ScreenExport {

  private ScreenExport() {}

  /**
   * The screen as text: the rows of {@link ScreenText#ascii(ScreenSnapshot, CodePage)} (s3270's
   * {@code Ascii()}), each ended by {@code \n}.
   */
  public static String text(ScreenSnapshot screen, CodePage codePage) {
    return text(screen, codePage, true);
  }

  /** {@link #text(ScreenSnapshot, CodePage)}, with card numbers masked when {@code maskCards}. */
  public static String text(ScreenSnapshot screen, CodePage codePage, boolean maskCards) {
    List<String> rows = ScreenText.ascii(screen, codePage);
    String flat = String.join("", rows);
    if (maskCards) {
      flat = CardMasker.mask(flat);
    }
    StringBuilder sb = new StringBuilder(screen.size() + screen.rows());
    int at = 0;
    for (String row : rows) {
      sb.append(flat, at, at + row.length()).append('\n');
      at += row.length();
    }
    return sb.toString();
  }

  /**
   * The text of a rectangle: rows and columns 0-origin and inclusive, the corners in any order and
   * clamped to the screen; one line per row joined by {@code \n} (no final one), trailing blanks
   * removed from each line.
   */
  public static String rectangle(
      ScreenSnapshot screen, CodePage codePage, int row0, int col0, int row1, int col1) {
    return rectangle(screen, codePage, row0, col0, row1, col1, true);
  }

  /**
   * {@link #rectangle(ScreenSnapshot, CodePage, int, int, int, int)}, with card numbers masked when
   * {@code maskCards}.
   */
  public static String rectangle(
      ScreenSnapshot screen,
      CodePage codePage,
      int row0,
      int col0,
      int row1,
      int col1,
      boolean maskCards) {
    int top = clamp(Math.min(row0, row1), screen.rows());
    int bottom = clamp(Math.max(row0, row1), screen.rows());
    int left = clamp(Math.min(col0, col1), screen.cols());
    int right = clamp(Math.max(col0, col1), screen.cols());
    char[] chars = chars(screen, codePage, maskCards);
    List<String> lines = new ArrayList<>();
    for (int r = top; r <= bottom; r++) {
      int start = r * screen.cols();
      int end = start + right + 1;
      while (end > start + left && chars[end - 1] == ' ') {
        end--;
      }
      lines.add(new String(chars, start + left, end - start - left));
    }
    return String.join("\n", lines);
  }

  /**
   * The characters every export shows, one per cell ({@link ScreenText#displayChars}: non-display
   * cells and field attributes blank), with card numbers masked over the whole screen as one run
   * when {@code maskCards}: what the text, HTML and image exports draw.
   */
  public static char[] displayChars(ScreenSnapshot screen, CodePage codePage, boolean maskCards) {
    return chars(screen, codePage, maskCards);
  }

  private static char[] chars(ScreenSnapshot screen, CodePage codePage, boolean maskCards) {
    char[] chars = ScreenText.displayChars(screen, codePage);
    return maskCards ? CardMasker.mask(new String(chars)).toCharArray() : chars;
  }

  private static int clamp(int v, int size) {
    return Math.max(0, Math.min(size - 1, v));
  }

  /**
   * The screen as a complete HTML5 page (UTF-8): black background, one {@code <pre>} with a {@code
   * <span>} per run of cells that look the same (colour, background, reverse video, underscore,
   * bold for the intensify highlight). A cell without its own colour or highlighting takes its
   * field's, as in x3270.
   */
  public static String html(ScreenSnapshot screen, CodePage codePage, String title) {
    return html(screen, codePage, title, true);
  }

  /**
   * {@link #html(ScreenSnapshot, CodePage, String)}, with card numbers masked when {@code
   * maskCards} (the title is masked too).
   */
  public static String html(
      ScreenSnapshot screen, CodePage codePage, String title, boolean maskCards) {
    char[] chars = chars(screen, codePage, maskCards);
    if (maskCards) {
      title = CardMasker.mask(title);
    }
    StringBuilder sb = new StringBuilder(screen.size() * 4 + 1024);
    sb.append("<!DOCTYPE html>\n")
        .append("<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title == null ? "" : title))
        .append("</title>\n<style>\n")
        .append("body { background-color: ")
        .append(ScreenPalette.BACKGROUND)
        .append("; margin: 1em; }\n")
        .append("pre { font-family: monospace; line-height: 1.2; margin: 0; color: ")
        .append(ScreenPalette.foreground(0, null))
        .append("; }\n</style>\n</head>\n<body>\n<pre>");
    Look[] looks = looks(screen);
    int cols = screen.cols();
    for (int r = 0; r < screen.rows(); r++) {
      if (r > 0) {
        sb.append('\n');
      }
      int c = 0;
      while (c < cols) {
        int a = r * cols + c;
        Look look = looks[a];
        int end = c + 1;
        while (end < cols && looks[r * cols + end].equals(look)) {
          end++;
        }
        sb.append("<span style=\"").append(look.css()).append("\">");
        for (int k = c; k < end; k++) {
          appendEscaped(sb, chars[r * cols + k]);
        }
        sb.append("</span>");
        c = end;
      }
    }
    sb.append("</pre>\n</body>\n</html>\n");
    return sb.toString();
  }

  /** How a cell is drawn: colours after reverse video is applied. */
  private record Look(String color, String background, boolean underscore, boolean bold) {
    String css() {
      StringBuilder sb = new StringBuilder("color:").append(color);
      if (background != null) {
        sb.append(";background-color:").append(background);
      }
      if (underscore) {
        sb.append(";text-decoration:underline");
      }
      if (bold) {
        sb.append(";font-weight:bold");
      }
      return sb.toString();
    }
  }

  private static Look[] looks(ScreenSnapshot screen) {
    int n = screen.size();
    Look[] out = new Look[n];
    FieldAttribute field = null;
    int fieldFg = 0;
    int fieldBg = 0;
    int fieldHl = 0;
    int last = -1;
    for (int a = n - 1; a >= 0; a--) {
      if (screen.isFieldAttribute(a)) {
        last = a;
        break;
      }
    }
    if (last >= 0) {
      field = new FieldAttribute(screen.fieldAttributeByte(last));
      fieldFg = screen.foregroundAt(last);
      fieldBg = screen.backgroundAt(last);
      fieldHl = screen.highlightAt(last);
    }
    for (int a = 0; a < n; a++) {
      if (screen.isFieldAttribute(a)) {
        field = new FieldAttribute(screen.fieldAttributeByte(a));
        fieldFg = screen.foregroundAt(a);
        fieldBg = screen.backgroundAt(a);
        fieldHl = screen.highlightAt(a);
        // The attribute position itself is a plain blank.
        out[a] = new Look(ScreenPalette.foreground(fieldFg, field), null, false, false);
        continue;
      }
      int fg = screen.foregroundAt(a) != 0 ? screen.foregroundAt(a) : fieldFg;
      int bg = screen.backgroundAt(a) != 0 ? screen.backgroundAt(a) : fieldBg;
      int hl = screen.highlightAt(a) != 0 ? screen.highlightAt(a) : fieldHl;
      String color = ScreenPalette.foreground(fg, field);
      String background = ScreenPalette.background(bg);
      if (hl == Attributes.HL_REVERSE) {
        String swapped = background == null ? ScreenPalette.BACKGROUND : background;
        background = color;
        color = swapped;
      }
      out[a] =
          new Look(
              color, background, hl == Attributes.HL_UNDERSCORE, hl == Attributes.HL_INTENSIFY);
    }
    return out;
  }

  /** Escapes text for HTML content and attribute values. */
  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      appendEscaped(sb, text.charAt(i));
    }
    return sb.toString();
  }

  private static void appendEscaped(StringBuilder sb, char c) {
    switch (c) {
      case '&' -> sb.append("&amp;");
      case '<' -> sb.append("&lt;");
      case '>' -> sb.append("&gt;");
      case '"' -> sb.append("&quot;");
      case '\'' -> sb.append("&#39;");
      default -> {
        if (c < 0x20 || c == 0x7f) {
          sb.append(' ');
        } else {
          sb.append(c);
        }
      }
    }
  }
}
