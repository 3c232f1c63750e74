package dev.console3270.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a line of x3270 actions: {@code Action(arg, arg)} (several per line, separated by blanks)
 * or {@code Action arg arg} (the rest of the line are arguments). Names are letters, digits, {@code
 * _} and {@code -}, matched case-insensitively by the interpreter. An argument is a word or a
 * quoted string; inside quotes {@code \"} is a quote and every other backslash is kept for the
 * action (String reads its own escapes). Errors are worded as s3270 4.1 words them; their column
 * counts from 1 at the start of the text that was left to parse.
 */
public final class ActionParser {

  /**
   * A parsed line: the actions before the first error, in order, and the error, if any.
   *
   * @param calls the actions parsed
   * @param error the syntax error after them, or null
   */
  public record Parsed(List<ActionCall> calls, String error) {
    public Parsed {
      calls = List.copyOf(calls);
    }

    /** True when the whole line parsed. */
    public boolean ok() {
      return error == null;
    }
  }

  private final String text;
  private int pos;
  private int base;

  private ActionParser(String text) {
    this.text = text;
  }

  /** Parses a line. Never throws: a syntax error ends the list and is returned with it. */
  public static Parsed parse(String line) {
    ActionParser p = new ActionParser(line == null ? "" : line);
    List<ActionCall> calls = new ArrayList<>();
    try {
      while (true) {
        p.skipBlanks();
        if (p.atEnd()) {
          return new Parsed(calls, null);
        }
        p.base = p.pos;
        calls.add(p.action());
      }
    } catch (SyntaxError e) {
      return new Parsed(calls, e.getMessage());
    }
  }

  /**
   * Parses a line that must hold exactly one action.
   *
   * @throws IllegalArgumentException with the x3270 error text when it does not parse
   */
  public static ActionCall parseOne(String line) {
    Parsed p = parse(line);
    if (!p.ok()) {
      throw new IllegalArgumentException(p.error());
    }
    if (p.calls().size() != 1) {
      throw new IllegalArgumentException("expected one action: " + line);
    }
    return p.calls().get(0);
  }

  private static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message, null, false, false);
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    return text.charAt(pos);
  }

  private void skipBlanks() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private int column() {
    return pos - base + 1;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private ActionCall action() throws SyntaxError {
    int start = pos;
    if (!Character.isLetterOrDigit(peek())) {
      throw new SyntaxError(
          "Action name must begin with an alphanumeric character at column " + column());
    }
    while (!atEnd() && isNameChar(peek())) {
      pos++;
    }
    String name = text.substring(start, pos);
    skipBlanks();
    List<String> args = new ArrayList<>();
    if (atEnd()) {
      return new ActionCall(name, args);
    }
    if (peek() != '(') {
      // Blank-separated arguments to the end of the line.
      while (true) {
        skipBlanks();
        if (atEnd()) {
          return new ActionCall(name, args);
        }
        args.add(peek() == '"' ? quoted() : word(false));
      }
    }
    pos++; // (
    skipBlanks();
    if (!atEnd() && peek() == ')') {
      pos++;
      return new ActionCall(name, args);
    }
    while (true) {
      skipBlanks();
      if (atEnd()) {
        throw new SyntaxError("Syntax error: \")\" expected at column " + column());
      }
      args.add(peek() == '"' ? quoted() : word(true));
      skipBlanks();
      if (atEnd()) {
        throw new SyntaxError("Syntax error: \")\" expected at column " + column());
      }
      char c = peek();
      if (c == ')') {
        pos++;
        return new ActionCall(name, args);
      }
      if (c != ',') {
        throw new SyntaxError("Syntax error: \")\" or \",\" expected at column " + column());
      }
      pos++;
    }
  }

  private String word(boolean inParens) {
    int start = pos;
    while (!atEnd()) {
      char c = peek();
      if (Character.isWhitespace(c) || (inParens && (c == ',' || c == ')'))) {
        break;
      }
      pos++;
    }
    return text.substring(start, pos);
  }

  private String quoted() throws SyntaxError {
    pos++; // opening quote
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw new SyntaxError("Syntax error: unclosed \" at column " + column());
      }
      char c = peek();
      pos++;
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\' && !atEnd()) {
        char next = peek();
        pos++;
        if (next == '"') {
          sb.append('"');
        } else {
          sb.append('\\').append(next);
        }
      } else {
        sb.append(c);
      }
    }
  }
}
