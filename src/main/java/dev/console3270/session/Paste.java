package dev.console3270.session;

import dev.console3270.protocol.keyboard.Failure;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.ScreenBuffer;

/**
 * Pastes text as if the operator typed it (x3270's margined paste). Each character goes through
 * {@link Keyboard#key(int)}, so protection, numeric fields and insert mode apply as for typing; a
 * tab presses Tab. A line end ({@code \n}, {@code \r\n} or {@code \r}) moves the cursor to the next
 * row at the column where the paste began: the row after the one the line's last character went to.
 * A line end at the very end of the text is ignored. The paste stops at the first refusal, or when
 * a line would start below the last row, and says how much was typed: nothing is dropped silently.
 *
 * <p>Runs on the session's thread with the terminal's keyboard (as every keyboard call).
 */
public final class Paste {

  private Paste() {}

  /**
   * What a paste did.
   *
   * @param typed characters of the text used (typed, tabs and line ends), in order from the start
   * @param total characters in the text, after line ends are made single {@code \n} characters and
   *     a final line end is dropped
   * @param failure why the paste stopped early: the keyboard's refusal, or {@link
   *     Failure#INVALID_ARGUMENT} when the next line would start below the last row; null when
   *     everything was typed
   */
  public record Result(int typed, int total, Failure failure) {

    /** True when all the text was typed. */
    public boolean complete() {
      return failure == null;
    }

    /** A sentence for the operator, e.g. "Pasted 12 of 40 characters: ... ". */
    public String message() {
      if (failure == null) {
        return "Pasted " + total + " character" + (total == 1 ? "" : "s") + ".";
      }
      return "Pasted "
          + typed
          + " of "
          + total
          + " characters; the rest was not typed: "
          + reason(failure)
          + ".";
    }

    private static String reason(Failure f) {
      return switch (f) {
        case INVALID_ARGUMENT -> "the next line would start below the last row";
        case PROTECTED -> "the cursor reached a protected position";
        case NUMERIC -> "a numeric field accepts only digits, sign, period and comma";
        case OVERFLOW -> "the field is full (insert mode)";
        case LOCKED -> "the keyboard is locked";
        case NO_TRANSLATION -> "a character has no code in the session's code page";
        case NOT_CONNECTED -> "not connected";
        case NOT_3270 -> "not in 3270 mode";
        case MINUS_FUNCTION -> "the function is not available now";
      };
    }
  }

  /** Types {@code text} on the keyboard from the cursor; see the class comment. */
  public static Result paste(Keyboard kb, String text) {
    String t = text.replace("\r\n", "\n").replace('\r', '\n');
    if (t.endsWith("\n")) {
      t = t.substring(0, t.length() - 1);
    }
    int total = t.codePointCount(0, t.length());
    ScreenBuffer screen = kb.state().screen();
    int cols = screen.cols();
    int rows = screen.rows();
    int margin = screen.cursor() % cols;
    int lineRow = screen.cursor() / cols;
    int typed = 0;
    int i = 0;
    while (i < t.length()) {
      int cp = t.codePointAt(i);
      KeyResult r;
      if (cp == '\n') {
        int next = lineRow + 1;
        if (next >= rows) {
          return new Result(typed, total, Failure.INVALID_ARGUMENT);
        }
        r = kb.moveCursor(next, margin);
        lineRow = next;
      } else if (cp == '\t') {
        r = kb.tab();
      } else {
        int at = screen.cursor();
        r = kb.key(cp);
        if (r.success()) {
          lineRow = at / cols;
        }
      }
      if (r instanceof KeyResult.Failed f) {
        return new Result(typed, total, f.reason());
      }
      typed++;
      i += Character.charCount(cp);
    }
    return new Result(typed, total, null);
  }
}
