package dev.console3270.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the key names on a screen's text that the console makes clickable: {@code PF1}-{@code PF24}
 * (also {@code PF 1} with one blank), {@code F1}-{@code F24} when directly followed by {@code =}
 * (ISPF's {@code F3=Exit}), {@code PA1}-{@code PA3} and {@code CLEAR}. Each must be a whole word:
 * no letter or digit right before or after it ({@code SPF3} and {@code PF3X} are not keys). Case
 * does not matter ({@code pf3}), except that only upper-case {@code CLEAR} counts, so that the word
 * "clear" in a sentence stays plain text. Pure Java: give it the rows of the screen text.
 */
public final class Hotspots {

  private Hotspots() {}

  /**
   * A clickable key name on the screen.
   *
   * @param row the 0-origin row
   * @param startCol the first column (0-origin)
   * @param endCol the column after the last one
   * @param action the action it stands for, in x3270 syntax ({@code PF(3)}, {@code PA(1)}, {@code
   *     Clear()})
   */
  public record Hotspot(int row, int startCol, int endCol, String action) {
    public Hotspot {
      if (row < 0 || startCol < 0 || endCol <= startCol || action == null) {
        throw new IllegalArgumentException(
            "bad hotspot: row " + row + ", columns " + startCol + "-" + endCol);
      }
    }

    /** True when the hotspot covers this position. */
    public boolean contains(int r, int col) {
      return r == row && col >= startCol && col < endCol;
    }
  }

  /** Every hotspot on the screen, row by row, left to right. */
  public static List<Hotspot> find(List<String> rows) {
    List<Hotspot> out = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      findInRow(r, rows.get(r), out);
    }
    return List.copyOf(out);
  }

  /** The hotspot at a position, if any. */
  public static Optional<Hotspot> at(List<String> rows, int row, int col) {
    if (row < 0 || row >= rows.size()) {
      return Optional.empty();
    }
    List<Hotspot> found = new ArrayList<>();
    findInRow(row, rows.get(row), found);
    return found.stream().filter(h -> h.contains(row, col)).findFirst();
  }

  private static void findInRow(int row, String line, List<Hotspot> out) {
    int i = 0;
    int n = line.length();
    while (i < n) {
      if (!isWordChar(line.charAt(i)) || (i > 0 && isWordChar(line.charAt(i - 1)))) {
        i++;
        continue;
      }
      Hotspot h = match(row, line, i);
      if (h != null) {
        out.add(h);
        i = h.endCol();
      } else {
        i++;
      }
    }
  }

  /** A hotspot starting at {@code start}, where a word starts, or null. */
  private static Hotspot match(int row, String line, int start) {
    if (line.startsWith("CLEAR", start) && wordEnds(line, start + 5)) {
      return new Hotspot(row, start, start + 5, "Clear()");
    }
    if (matchesIgnoreCase(line, start, "PF")) {
      int digits = start + 2;
      if (digits < line.length() && line.charAt(digits) == ' ') {
        digits++;
      }
      int end = numberEnd(line, digits);
      int n = number(line, digits, end);
      if (n >= 1 && n <= 24 && wordEnds(line, end)) {
        return new Hotspot(row, start, end, "PF(" + n + ")");
      }
      return null;
    }
    if (matchesIgnoreCase(line, start, "PA")) {
      int end = numberEnd(line, start + 2);
      int n = number(line, start + 2, end);
      if (n >= 1 && n <= 3 && wordEnds(line, end)) {
        return new Hotspot(row, start, end, "PA(" + n + ")");
      }
      return null;
    }
    if (matchesIgnoreCase(line, start, "F")) {
      int end = numberEnd(line, start + 1);
      int n = number(line, start + 1, end);
      if (n >= 1 && n <= 24 && end < line.length() && line.charAt(end) == '=') {
        return new Hotspot(row, start, end, "PF(" + n + ")");
      }
    }
    return null;
  }

  private static boolean matchesIgnoreCase(String line, int at, String prefix) {
    return line.regionMatches(true, at, prefix, 0, prefix.length());
  }

  /** The index after the (at most two) ASCII digits starting at {@code from}. */
  private static int numberEnd(String line, int from) {
    int end = from;
    while (end < line.length() && end < from + 2 && isDigit(line.charAt(end))) {
      end++;
    }
    return end;
  }

  /** The number in {@code [from, end)}, or -1 when there are no digits. */
  private static int number(String line, int from, int end) {
    if (end == from) {
      return -1;
    }
    return Integer.parseInt(line.substring(from, end));
  }

  private static boolean wordEnds(String line, int at) {
    return at >= line.length() || !isWordChar(line.charAt(at));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }
}
