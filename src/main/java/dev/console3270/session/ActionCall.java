package dev.console3270.session;

import java.util.List;
import java.util.Locale;

/**
 * One parsed action: its name as written and its arguments, quotes removed ({@code \"} inside a
 * quoted argument becomes {@code "}; other backslash sequences are kept for the action to read).
 *
 * @param name the action name as written
 * @param args the arguments
 */
public record ActionCall(String name, List<String> args) {
  public ActionCall {
    args = List.copyOf(args);
  }

  /** A call with the given arguments. */
  public static ActionCall of(String name, String... args) {
    return new ActionCall(name, List.of(args));
  }

  /** The name in lower case, for case-insensitive matching. */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The call as x3270 would write it: {@code Name(arg,"arg with blanks")}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('(');
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String a = args.get(i);
      if (a.isEmpty() || a.matches(".*[\\s,()\"].*")) {
        sb.append('"').append(a.replace("\"", "\\\"")).append('"');
      } else {
        sb.append(a);
      }
    }
    return sb.append(')').toString();
  }
}
