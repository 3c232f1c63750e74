package dev.console3270.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the operator does into a macro script (see {@link MacroStore}): consecutive typed text
 * becomes one {@code String("...")} line, every other action a line of its own, in x3270 syntax.
 *
 * <p>Text typed into a non-display field (a password) is never recorded: the recorder writes the
 * comment {@value #NON_DISPLAY_COMMENT} instead, once per run of such input, so the user can edit
 * the macro to add it.
 *
 * <p>Not thread-safe: use it from one thread.
 */
public final class MacroRecorder {

  /** The line written where input to a non-display field was left out. */
  public static final String NON_DISPLAY_COMMENT =
      "# (input to a non-display field was not recorded)";

  private final List<String> lines = new ArrayList<>();
  private final StringBuilder typed = new StringBuilder();
  private boolean inNonDisplay;

  /** An empty recorder. */
  public MacroRecorder() {}

  /**
   * Records typed text; consecutive text merges into one {@code String} action.
   *
   * @param text the characters typed, as they should arrive (backslashes and quotes are literal)
   * @param nonDisplay true when the text went into a non-display field: it is not recorded
   */
  public void typed(String text, boolean nonDisplay) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (nonDisplay) {
      flushTyped();
      if (!inNonDisplay) {
        lines.add(NON_DISPLAY_COMMENT);
        inNonDisplay = true;
      }
      return;
    }
    inNonDisplay = false;
    typed.append(text);
  }

  /**
   * Records any other action ({@code Enter()}, {@code PF(3)}, {@code MoveCursor1(5,10)}, ...) as a
   * line of its own.
   *
   * @throws IllegalArgumentException when the action cannot be written as a script line (a name
   *     that is not a valid action name, an argument with a line break, or an argument ending in a
   *     backslash that also needs quotes)
   */
  public void action(ActionCall call) {
    String line = format(call, false);
    flushTyped();
    inNonDisplay = false;
    lines.add(line);
  }

  /** The script so far, each line ending in {@code \n} (empty when nothing was recorded). */
  public String script() {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append('\n');
    }
    if (typed.length() > 0) {
      sb.append(stringLine(typed.toString())).append('\n');
    }
    return sb.toString();
  }

  /** True when nothing has been recorded. */
  public boolean isEmpty() {
    return lines.isEmpty() && typed.length() == 0;
  }

  /** Forgets everything recorded. */
  public void clear() {
    lines.clear();
    typed.setLength(0);
    inNonDisplay = false;
  }

  private void flushTyped() {
    if (typed.length() > 0) {
      lines.add(stringLine(typed.toString()));
      typed.setLength(0);
    }
  }

  private static String stringLine(String text) {
    return format(ActionCall.of("String", stringArgument(text)), true);
  }

  /**
   * The argument of a {@code String} action that types exactly {@code text}: a backslash is written
   * {@code \\} (String reads backslash escapes), and control characters and line separators as
   * {@code \}{@code uXXXX} (a line break would otherwise be Enter, or end the line).
   */
  public static String stringArgument(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * One action in x3270 syntax, {@code Name(arg,"arg, quoted")} (every argument quoted when {@code
   * quoteAll}), checked to parse back to the same call.
   *
   * @throws IllegalArgumentException when the written form does not parse back to {@code call}
   */
  static String format(ActionCall call, boolean quoteAll) {
    StringBuilder sb = new StringBuilder(call.name()).append('(');
    for (int i = 0; i < call.args().size(); i++) {
      String a = call.args().get(i);
      if (a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            "an argument of " + call.name() + "() holds a line break and cannot be recorded");
      }
      if (i > 0) {
        sb.append(',');
      }
      if (quoteAll || needsQuotes(a)) {
        sb.append('"').append(a.replace("\"", "\\\"")).append('"');
      } else {
        sb.append(a);
      }
    }
    String line = sb.append(')').toString();
    ActionParser.Parsed back = ActionParser.parse(line);
    if (!back.ok() || !back.calls().equals(List.of(call))) {
      throw new IllegalArgumentException("cannot record " + call + " as a script line");
    }
    return line;
  }

  private static boolean needsQuotes(String arg) {
    if (arg.isEmpty() || arg.charAt(0) == '"') {
      return true;
    }
    for (int i = 0; i < arg.length(); i++) {
      char c = arg.charAt(i);
      if (Character.isWhitespace(c)
          || Character.isISOControl(c)
          || Character.isSpaceChar(c)
          || c == ','
          || c == '('
          || c == ')'
          || c == '"') {
        return true;
      }
    }
    return false;
  }
}
