package dev.console3270.protocol.screen;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.GraphicEscape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Plain-text views of a screen, character for character as s3270's {@code Ascii()}, {@code
 * Ascii1()}, {@code AsciiField()}, {@code Ebcdic()} and {@code EbcdicField()} actions print them
 * (each returned string is one {@code data:} line without the prefix).
 *
 * <p>The rules, checked against s3270 4.1: a field attribute position is a blank; every cell of a
 * non-display field is a blank; a null is a blank, as is any other control code except DUP ({@code
 * *}), FM ({@code ;}), SUB ({@code ■}) and EO ({@code ●}); a cell in the APL character set (written
 * with GE or the character-set attribute X'F1') shows the APL character {@link GraphicEscape}
 * gives, or a blank. A region that crosses the end of a row continues on a new line. Rows and
 * columns are 0-origin except in the {@code ascii1} forms.
 */
public final class ScreenText {

  private ScreenText() {}

  /** The character s3270 shows at an address. */
  public static char displayChar(ScreenSnapshot screen, CodePage codePage, int address) {
    if (screen.isFieldAttribute(address)) {
      return ' ';
    }
    FieldAttribute fa = screen.fieldAttributeAt(address);
    if (fa != null && fa.isNonDisplay()) {
      return ' ';
    }
    return cellChar(screen, codePage, address);
  }

  /** The characters s3270 shows for the whole screen, one per cell, in one pass. */
  public static char[] displayChars(ScreenSnapshot screen, CodePage codePage) {
    int n = screen.size();
    char[] out = new char[n];
    // The attribute governing address 0 is the last one in the buffer (fields wrap).
    boolean hidden = false;
    for (int a = n - 1; a >= 0; a--) {
      if (screen.isFieldAttribute(a)) {
        hidden = new FieldAttribute(screen.fieldAttributeByte(a)).isNonDisplay();
        break;
      }
    }
    for (int a = 0; a < n; a++) {
      if (screen.isFieldAttribute(a)) {
        hidden = new FieldAttribute(screen.fieldAttributeByte(a)).isNonDisplay();
        out[a] = ' ';
      } else {
        out[a] = hidden ? ' ' : cellChar(screen, codePage, a);
      }
    }
    return out;
  }

  private static char cellChar(ScreenSnapshot screen, CodePage codePage, int address) {
    int code = screen.charAt(address);
    if (screen.charsetAt(address) == Attributes.CS_APL) {
      return GraphicEscape.display(code);
    }
    return codePage.display(code);
  }

  /** The whole screen, one string per row ({@code Ascii()}). */
  public static List<String> ascii(ScreenSnapshot screen, CodePage codePage) {
    return ascii(screen, codePage, 0, 0, screen.rows(), screen.cols());
  }

  /** The whole screen as one string, rows separated by {@code \n}. */
  public static String asciiText(ScreenSnapshot screen, CodePage codePage) {
    return String.join("\n", ascii(screen, codePage));
  }

  /**
   * {@code length} cells from the cursor ({@code Ascii(length)}).
   *
   * @throws IllegalArgumentException when the region runs past the end of the screen
   */
  public static List<String> ascii(ScreenSnapshot screen, CodePage codePage, int length) {
    int cursor = screen.cursor();
    return ascii(screen, codePage, cursor / screen.cols(), cursor % screen.cols(), length);
  }

  /**
   * {@code length} cells from a position ({@code Ascii(row,col,length)}), a new line at each row
   * end.
   *
   * @throws IllegalArgumentException when the position is off the screen or the region runs past
   *     its end
   */
  public static List<String> ascii(
      ScreenSnapshot screen, CodePage codePage, int row, int col, int length) {
    return linear(screen, row, col, length, text(screen, codePage));
  }

  /**
   * A rectangle ({@code Ascii(row,col,rows,cols)}).
   *
   * @throws IllegalArgumentException when the rectangle is not inside the screen
   */
  public static List<String> ascii(
      ScreenSnapshot screen, CodePage codePage, int row, int col, int rows, int cols) {
    return rectangle(screen, row, col, rows, cols, text(screen, codePage));
  }

  /**
   * {@code Ascii1(row,col,length)}: as {@link #ascii(ScreenSnapshot, CodePage, int, int, int)},
   * 1-origin.
   */
  public static List<String> ascii1(
      ScreenSnapshot screen, CodePage codePage, int row, int col, int length) {
    checkOneOrigin(row, col);
    return ascii(screen, codePage, row - 1, col - 1, length);
  }

  /** {@code Ascii1(row,col,rows,cols)}: a rectangle, 1-origin. */
  public static List<String> ascii1(
      ScreenSnapshot screen, CodePage codePage, int row, int col, int rows, int cols) {
    checkOneOrigin(row, col);
    return ascii(screen, codePage, row - 1, col - 1, rows, cols);
  }

  /**
   * The field under the cursor ({@code AsciiField()}): from the cell after its attribute to the
   * next attribute or the end of the screen (s3270 does not wrap to the top), a new line at each
   * row end. At an attribute position, the field that attribute starts.
   *
   * @throws IllegalStateException when the screen is not formatted
   */
  public static List<String> asciiField(ScreenSnapshot screen, CodePage codePage) {
    return field(screen, text(screen, codePage));
  }

  /** The whole screen as EBCDIC hex ({@code Ebcdic()}): attribute positions are {@code 00}. */
  public static List<String> ebcdic(ScreenSnapshot screen) {
    return ebcdic(screen, 0, 0, screen.rows(), screen.cols());
  }

  /**
   * EBCDIC hex of {@code length} cells from a position ({@code Ebcdic(row,col,length)}): lower-case
   * hex bytes separated by blanks. As in s3270, the codes are raw: a non-display field's contents
   * show.
   */
  public static List<String> ebcdic(ScreenSnapshot screen, int row, int col, int length) {
    return linear(screen, row, col, length, hex(screen));
  }

  /** EBCDIC hex of a rectangle ({@code Ebcdic(row,col,rows,cols)}). */
  public static List<String> ebcdic(ScreenSnapshot screen, int row, int col, int rows, int cols) {
    return rectangle(screen, row, col, rows, cols, hex(screen));
  }

  /**
   * EBCDIC hex of the field under the cursor ({@code EbcdicField()}).
   *
   * @throws IllegalStateException when the screen is not formatted
   */
  public static List<String> ebcdicField(ScreenSnapshot screen) {
    return field(screen, hex(screen));
  }

  private static String hex(ScreenSnapshot screen, int address) {
    int code = screen.isFieldAttribute(address) ? 0 : screen.charAt(address);
    return String.format("%02x", code);
  }

  /** Renders one cell; hex dumps separate cells with blanks, text does not. */
  private record Cell(IntFunction<String> render, boolean spaced) {
    String at(int address) {
      return render.apply(address);
    }
  }

  private static String separator(Cell cell, StringBuilder line) {
    return cell.spaced() && line.length() > 0 ? " " : "";
  }

  private static Cell text(ScreenSnapshot screen, CodePage codePage) {
    char[] chars = displayChars(screen, codePage);
    return new Cell(a -> String.valueOf(chars[a]), false);
  }

  private static Cell hex(ScreenSnapshot screen) {
    return new Cell(a -> hex(screen, a), true);
  }

  private static void checkOneOrigin(int row, int col) {
    if (row < 1 || col < 1) {
      throw new IllegalArgumentException("invalid argument: row and column are 1-origin");
    }
  }

  private static void checkPosition(ScreenSnapshot screen, int row, int col) {
    if (row < 0 || row >= screen.rows() || col < 0 || col >= screen.cols()) {
      throw new IllegalArgumentException(
          "invalid argument: position " + row + "," + col + " is off the screen");
    }
  }

  private static List<String> linear(
      ScreenSnapshot screen, int row, int col, int length, Cell cell) {
    checkPosition(screen, row, col);
    int start = row * screen.cols() + col;
    if (length < 0 || start + length > screen.size()) {
      throw new IllegalArgumentException(
          "invalid argument: length " + length + " runs past the end of the screen");
    }
    return lines(screen, start, start + length, cell);
  }

  /** Cells [start, end) without wrapping, a new line at each row end; at least one line. */
  private static List<String> lines(ScreenSnapshot screen, int start, int end, Cell cell) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int a = start; a < end; a++) {
      if (a > start && a % screen.cols() == 0) {
        out.add(line.toString());
        line.setLength(0);
      }
      line.append(separator(cell, line)).append(cell.at(a));
    }
    out.add(line.toString());
    return List.copyOf(out);
  }

  private static List<String> rectangle(
      ScreenSnapshot screen, int row, int col, int rows, int cols, Cell cell) {
    checkPosition(screen, row, col);
    if (rows < 0 || cols < 0 || row + rows > screen.rows() || col + cols > screen.cols()) {
      throw new IllegalArgumentException(
          "invalid argument: "
              + rows
              + "x"
              + cols
              + " at "
              + row
              + ","
              + col
              + " is not inside the screen");
    }
    if (rows == 0) {
      return List.of("");
    }
    List<String> out = new ArrayList<>();
    for (int r = row; r < row + rows; r++) {
      StringBuilder line = new StringBuilder();
      for (int c = col; c < col + cols; c++) {
        line.append(separator(cell, line)).append(cell.at(r * screen.cols() + c));
      }
      out.add(line.toString());
    }
    return List.copyOf(out);
  }

  private static List<String> field(ScreenSnapshot screen, Cell cell) {
    if (!screen.isFormatted()) {
      throw new IllegalStateException("Screen is not formatted");
    }
    int n = screen.size();
    int fa = fieldStart(screen, screen.cursor());
    int start = fa + 1;
    if (start >= n) {
      return List.of("");
    }
    int end = start;
    while (end < n && !screen.isFieldAttribute(end)) {
      end++;
    }
    return lines(screen, start, end, cell);
  }

  private static int fieldStart(ScreenSnapshot screen, int address) {
    int n = screen.size();
    int a = address;
    for (int i = 0; i < n; i++) {
      if (screen.isFieldAttribute(a)) {
        return a;
      }
      a = a == 0 ? n - 1 : a - 1;
    }
    return -1;
  }
}
