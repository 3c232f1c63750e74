package dev.console3270.protocol;

import java.util.Locale;

/**
 * A 3270 terminal model: its default and alternate screen sizes, colour and extended data stream
 * support, and the terminal type it announces.
 *
 * @param number model number 2 to 5, or 0 for a custom ("oversize") size
 * @param color a 3279 (colour) rather than a 3278 (monochrome)
 * @param extended extended data stream support (the "-E" suffix)
 * @param altRows alternate (maximum) rows
 * @param altCols alternate (maximum) columns
 */
public record TerminalModel(int number, boolean color, boolean extended, int altRows, int altCols) {

  /** The most cells a 3270 buffer can address with 14-bit addresses. */
  public static final int MAX_CELLS = 16383;

  /** Default screen rows of every model. */
  public static final int DEFAULT_ROWS = 24;

  /** Default screen columns of every model. */
  public static final int DEFAULT_COLS = 80;

  public TerminalModel {
    if (number < 0 || number == 1 || number > 5) {
      throw new IllegalArgumentException(
          "model number must be 2 to 5 (or 0 for custom): " + number);
    }
    if (altRows < DEFAULT_ROWS || altCols < DEFAULT_COLS) {
      throw new IllegalArgumentException(
          "alternate size must be at least 24x80: " + altRows + "x" + altCols);
    }
    if (altRows * altCols > MAX_CELLS || altRows > 255 || altCols > 255) {
      throw new IllegalArgumentException(
          "alternate size too large: " + altRows + "x" + altCols + " (at most " + MAX_CELLS + ")");
    }
  }

  /** The standard model {@code n} (2 to 5). */
  public static TerminalModel of(int n, boolean color, boolean extended) {
    return switch (n) {
      case 2 -> new TerminalModel(2, color, extended, 24, 80);
      case 3 -> new TerminalModel(3, color, extended, 32, 80);
      case 4 -> new TerminalModel(4, color, extended, 43, 80);
      case 5 -> new TerminalModel(5, color, extended, 27, 132);
      default -> throw new IllegalArgumentException("model number must be 2 to 5: " + n);
    };
  }

  /** A custom size (announced as IBM-DYNAMIC); colour and extended. */
  public static TerminalModel custom(int rows, int cols) {
    return new TerminalModel(0, true, true, rows, cols);
  }

  /** The default model, as x3270's: 3279-4-E. */
  public static TerminalModel defaultModel() {
    return of(4, true, true);
  }

  /**
   * Parses a model name as x3270 writes it: {@code 3279-4-E}, {@code 3278-2}, {@code 4} (a
   * 3279-n-E), or a custom size {@code 3279-4-E:50x100} / {@code 50x100}.
   *
   * @throws IllegalArgumentException with a clear message when the name is not a model
   */
  public static TerminalModel parse(String name) {
    String s = name.trim().toUpperCase(Locale.ROOT);
    String size = null;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      size = s.substring(colon + 1);
      s = s.substring(0, colon);
    } else if (s.matches("\\d+X\\d+")) {
      size = s;
      s = "3279-2-E";
    }
    boolean color = true;
    boolean extended = true;
    int number;
    try {
      if (s.matches("\\d")) {
        number = Integer.parseInt(s);
      } else if (s.matches("327[89]-\\d(-E)?")) {
        color = s.startsWith("3279");
        number = s.charAt(5) - '0';
        extended = s.endsWith("-E");
      } else {
        throw new IllegalArgumentException("unknown terminal model '" + name + "'");
      }
      if (size != null) {
        String[] parts = size.split("X");
        if (parts.length != 2) {
          throw new IllegalArgumentException("bad size in model '" + name + "'");
        }
        TerminalModel custom = custom(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        return new TerminalModel(0, color, extended, custom.altRows, custom.altCols);
      }
      return of(number, color, extended);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in model '" + name + "'", e);
    }
  }

  /** The model's name as x3270 writes it, e.g. {@code 3279-4-E}. */
  public String name() {
    String base = (color ? "3279-" : "3278-") + (number == 0 ? 2 : number) + (extended ? "-E" : "");
    return number == 0 ? base + ":" + altRows + "x" + altCols : base;
  }

  /**
   * The telnet TERMINAL-TYPE string: {@code IBM-3278-2}, {@code IBM-3279-4-E}, or {@code
   * IBM-DYNAMIC} for a custom size.
   */
  public String terminalType() {
    if (number == 0) {
      return "IBM-DYNAMIC";
    }
    return "IBM-" + (color ? "3279-" : "3278-") + number + (extended ? "-E" : "");
  }

  /** Alternate buffer size in cells. */
  public int altSize() {
    return altRows * altCols;
  }
}
