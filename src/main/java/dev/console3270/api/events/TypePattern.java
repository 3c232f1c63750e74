package dev.console3270.api.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Matches event types. A pattern without {@code *} matches that type and the types below it ({@code
 * session} matches {@code session} and {@code session.screen}, not {@code sessions}); with {@code
 * *} it is a glob where {@code *} stands for any characters, dots included ({@code session.*},
 * {@code *.health}, {@code *}).
 */
public final class TypePattern {
  private final String pattern;

  private TypePattern(String pattern) {
    this.pattern = pattern;
  }

  /**
   * Parses one pattern.
   *
   * @throws IllegalArgumentException when it is blank or holds characters other than letters,
   *     digits, {@code . _ - *}
   */
  public static TypePattern of(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    String p = pattern.trim();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("event type pattern must not be blank");
    }
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '*')) {
        throw new IllegalArgumentException(
            "event type pattern '" + p + "' holds '" + c + "': use letters, digits, . _ - and *");
      }
    }
    return new TypePattern(p);
  }

  /** Parses each pattern of a list (see {@link #of}). */
  public static List<TypePattern> all(Collection<String> patterns) {
    List<TypePattern> out = new ArrayList<>();
    for (String p : patterns) {
      out.add(of(p));
    }
    return List.copyOf(out);
  }

  /** True when {@code type} matches any of {@code patterns}. */
  public static boolean anyMatch(List<TypePattern> patterns, String type) {
    for (TypePattern p : patterns) {
      if (p.matches(type)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code type} matches. */
  public boolean matches(String type) {
    if (pattern.indexOf('*') < 0) {
      return type.equals(pattern)
          || (type.startsWith(pattern) && type.charAt(pattern.length()) == '.');
    }
    return glob(pattern, 0, type, 0);
  }

  private static boolean glob(String p, int pi, String s, int si) {
    // iterative wildcard matching with backtracking to the last star
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (pi < p.length() && p.charAt(pi) == s.charAt(si)) {
        pi++;
        si++;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }

  @Override
  public String toString() {
    return pattern;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypePattern t && t.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }
}
