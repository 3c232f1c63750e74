package dev.console3270.host;

import dev.console3270.protocol.screen.Color;
import dev.console3270.protocol.screen.Highlight;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses demo-host screen files ({@code demo-host/NAME.screen} on the classpath). The format (see
 * docs/USER_GUIDE.md, "The demo host"):
 *
 * <pre>
 * # a comment
 * &#64;title Sign-on                  a title for logs
 * &#64;alternate                      the screen is 27x132 (Erase/Write Alternate)
 * &#64;cursor userid                  the input field that gets the cursor
 * &#64;field password nondisplay      options of a field: numeric nondisplay intensified
 *                                 color=blue|red|pink|green|turquoise|yellow|white
 *                                 highlight=blink|reverse|underscore|intensify
 * &#64;body                           the rows follow, one text line per screen row
 *  User ID  [userid  ]             an input field: the '[' and ']' cells are attributes
 *  Host     {hostname    }         a protected output field the program fills
 *  &lt;red,reverse&gt;Alert&lt;/&gt;             zero-width character attributes (SA), reset at '&lt;/&gt;'
 *                                 or at the end of the row; '\' escapes the next character
 * </pre>
 *
 * Inside brackets the field's name comes first, then blanks, dots or underscores up to the field's
 * length. Row 1, column 1 holds the screen's first (protected) attribute: leave it blank or start a
 * field there.
 */
public final class ScreenFile {

  /** Where the screen files live on the classpath. */
  public static final String RESOURCE_DIR = "/demo-host/";

  private static final Map<String, Color> COLORS =
      Map.of(
          "blue", Color.BLUE,
          "red", Color.RED,
          "pink", Color.PINK,
          "green", Color.GREEN,
          "turquoise", Color.TURQUOISE,
          "yellow", Color.YELLOW,
          "white", Color.NEUTRAL_WHITE);

  private static final Map<String, Highlight> HIGHLIGHTS =
      Map.of(
          "normal", Highlight.NORMAL,
          "blink", Highlight.BLINK,
          "reverse", Highlight.REVERSE,
          "underscore", Highlight.UNDERSCORE,
          "intensify", Highlight.INTENSIFY);

  private ScreenFile() {}

  /**
   * Loads {@code demo-host/NAME.screen} from the classpath.
   *
   * @throws ScreenFileException when the file is missing or malformed
   */
  public static ScreenDefinition load(String name) {
    String path = RESOURCE_DIR + name + ".screen";
    try (InputStream in = ScreenFile.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new ScreenFileException(path, 0, "no such screen file on the classpath");
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private record FieldOptions(
      boolean numeric, boolean nonDisplay, boolean intensified, Style style, int line) {}

  /**
   * Parses the text of a screen file.
   *
   * @param name the screen's name (used in messages)
   * @throws ScreenFileException with the file name and line of the first error
   */
  public static ScreenDefinition parse(String name, String text) {
    String file = name + ".screen";
    String[] all = text.split("\r?\n", -1);
    String title = name;
    boolean alternate = false;
    String cursor = null;
    int cursorLine = 0;
    Map<String, FieldOptions> options = new LinkedHashMap<>();
    int i = 0;
    boolean body = false;
    for (; i < all.length; i++) {
      String line = all[i].strip();
      int lineNo = i + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!line.startsWith("@")) {
        throw new ScreenFileException(file, lineNo, "expected a directive (@...) before @body");
      }
      String[] words = line.split("\\s+");
      switch (words[0]) {
        case "@title" -> title = line.substring(6).strip();
        case "@alternate" -> alternate = true;
        case "@cursor" -> {
          if (words.length != 2) {
            throw new ScreenFileException(file, lineNo, "@cursor takes one field name");
          }
          cursor = words[1];
          cursorLine = lineNo;
        }
        case "@field" -> {
          if (words.length < 2) {
            throw new ScreenFileException(file, lineNo, "@field needs a field name");
          }
          if (options.containsKey(words[1])) {
            throw new ScreenFileException(file, lineNo, "@field " + words[1] + " given twice");
          }
          options.put(words[1], fieldOptions(file, lineNo, words));
        }
        case "@body" -> body = true;
        default -> throw new ScreenFileException(file, lineNo, "unknown directive " + words[0]);
      }
      if (body) {
        i++;
        break;
      }
    }
    if (!body) {
      throw new ScreenFileException(file, all.length, "no @body line");
    }
    int maxRows = alternate ? 27 : 24;
    int maxCols = alternate ? 132 : 80;
    int end = all.length;
    while (end > i && all[end - 1].isBlank()) {
      end--;
    }
    if (end - i > maxRows) {
      throw new ScreenFileException(
          file, i + maxRows + 1, "the body has more than " + maxRows + " rows");
    }
    List<ScreenDefinition.Line> lines = new ArrayList<>();
    List<FieldDefinition> fields = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int row = 0; row < maxRows; row++) {
      String src = i + row < end ? all[i + row] : "";
      lines.add(parseRow(file, i + row + 1, row, src, maxCols, options, fields, seen));
    }
    for (Map.Entry<String, FieldOptions> e : options.entrySet()) {
      if (!seen.containsKey(e.getKey())) {
        throw new ScreenFileException(
            file, e.getValue().line(), "@field " + e.getKey() + " is not in the body");
      }
    }
    if (cursor != null) {
      String c = cursor;
      boolean ok = fields.stream().anyMatch(f -> f.name().equals(c) && f.input());
      if (!ok) {
        throw new ScreenFileException(
            file, cursorLine, "@cursor " + cursor + " is not an input field of the body");
      }
    }
    return new ScreenDefinition(name, title, alternate, maxRows, maxCols, cursor, lines, fields);
  }

  private static FieldOptions fieldOptions(String file, int lineNo, String[] words) {
    boolean numeric = false;
    boolean nonDisplay = false;
    boolean intensified = false;
    Color color = Color.DEFAULT;
    Highlight highlight = Highlight.DEFAULT;
    for (int w = 2; w < words.length; w++) {
      String o = words[w].toLowerCase(Locale.ROOT);
      if (o.equals("numeric")) {
        numeric = true;
      } else if (o.equals("nondisplay")) {
        nonDisplay = true;
      } else if (o.equals("intensified")) {
        intensified = true;
      } else if (o.startsWith("color=") && COLORS.containsKey(o.substring(6))) {
        color = COLORS.get(o.substring(6));
      } else if (o.startsWith("highlight=") && HIGHLIGHTS.containsKey(o.substring(10))) {
        highlight = HIGHLIGHTS.get(o.substring(10));
      } else {
        throw new ScreenFileException(file, lineNo, "unknown field option " + words[w]);
      }
    }
    return new FieldOptions(numeric, nonDisplay, intensified, new Style(color, highlight), lineNo);
  }

  private static ScreenDefinition.Line parseRow(
      String file,
      int lineNo,
      int row,
      String src,
      int maxCols,
      Map<String, FieldOptions> options,
      List<FieldDefinition> fields,
      Map<String, Integer> seen) {
    List<ScreenDefinition.Run> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    int runStart = 0;
    Style style = Style.PLAIN;
    int col = 0;
    int p = 0;
    while (p < src.length()) {
      char c = src.charAt(p);
      if (c == '<') {
        int close = src.indexOf('>', p);
        if (close < 0) {
          throw new ScreenFileException(file, lineNo, "'<' without '>' (write \\< for a '<')");
        }
        Style next = tag(file, lineNo, src.substring(p + 1, close), style);
        flush(runs, run, runStart, style);
        style = next;
        runStart = col;
        p = close + 1;
        continue;
      }
      if (c == '[' || c == '{') {
        char closer = c == '[' ? ']' : '}';
        int close = src.indexOf(closer, p + 1);
        if (close < 0) {
          throw new ScreenFileException(file, lineNo, "'" + c + "' without '" + closer + "'");
        }
        String inner = src.substring(p + 1, close);
        flush(runs, run, runStart, style);
        fields.add(field(file, lineNo, row, col, c == '[', inner, options, seen));
        col += inner.length() + 2;
        if (col > maxCols) {
          throw new ScreenFileException(file, lineNo, "field runs past column " + maxCols);
        }
        runStart = col;
        p = close + 1;
        continue;
      }
      if (c == ']' || c == '}') {
        throw new ScreenFileException(
            file, lineNo, "unexpected '" + c + "' (write \\" + c + " for the character)");
      }
      if (c == '\\') {
        if (p + 1 >= src.length()) {
          throw new ScreenFileException(file, lineNo, "'\\' at the end of a row");
        }
        c = src.charAt(++p);
      }
      if (c < ' ' && c != '\t') {
        throw new ScreenFileException(file, lineNo, "control character in the body");
      }
      if (row == 0 && col == 0 && c != ' ') {
        throw new ScreenFileException(
            file, lineNo, "row 1 column 1 holds the screen's first attribute: leave it blank");
      }
      if (col >= maxCols) {
        throw new ScreenFileException(file, lineNo, "row is longer than " + maxCols + " columns");
      }
      run.append(c == '\t' ? ' ' : c);
      col++;
      p++;
    }
    flush(runs, run, runStart, style);
    return new ScreenDefinition.Line(runs);
  }

  private static void flush(
      List<ScreenDefinition.Run> runs, StringBuilder run, int start, Style style) {
    if (!run.isEmpty()) {
      runs.add(new ScreenDefinition.Run(start, run.toString(), style));
      run.setLength(0);
    }
  }

  private static Style tag(String file, int lineNo, String tag, Style current) {
    if (tag.equals("/")) {
      return Style.PLAIN;
    }
    Color color = current.color();
    Highlight highlight = current.highlight();
    for (String part : tag.split(",")) {
      String t = part.strip().toLowerCase(Locale.ROOT);
      if (COLORS.containsKey(t)) {
        color = COLORS.get(t);
      } else if (HIGHLIGHTS.containsKey(t)) {
        highlight = HIGHLIGHTS.get(t);
      } else {
        throw new ScreenFileException(file, lineNo, "unknown style <" + tag + ">");
      }
    }
    return new Style(color, highlight);
  }

  private static FieldDefinition field(
      String file,
      int lineNo,
      int row,
      int col,
      boolean input,
      String inner,
      Map<String, FieldOptions> options,
      Map<String, Integer> seen) {
    int n = 0;
    while (n < inner.length()
        && (Character.isLetterOrDigit(inner.charAt(n)) || inner.charAt(n) == '_')) {
      n++;
    }
    if (n == 0) {
      throw new ScreenFileException(file, lineNo, "a field must start with its name");
    }
    String name = inner.substring(0, n);
    while (n > 0 && name.endsWith("_")) {
      name = name.substring(0, name.length() - 1);
      n--;
    }
    for (int k = n; k < inner.length(); k++) {
      char f = inner.charAt(k);
      if (f != ' ' && f != '.' && f != '_') {
        throw new ScreenFileException(
            file, lineNo, "field " + name + ": only blanks, dots or underscores after the name");
      }
    }
    if (seen.containsKey(name)) {
      throw new ScreenFileException(
          file, lineNo, "field " + name + " already on line " + seen.get(name));
    }
    seen.put(name, lineNo);
    FieldOptions o =
        options.getOrDefault(name, new FieldOptions(false, false, false, Style.PLAIN, lineNo));
    return new FieldDefinition(
        name,
        input,
        row,
        col,
        inner.length(),
        o.numeric(),
        o.nonDisplay(),
        o.intensified(),
        o.style());
  }
}
