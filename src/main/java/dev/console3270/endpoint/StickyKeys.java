package dev.console3270.endpoint;

import java.util.List;

/**
 * The rules for a {@link PickRequest#stickyKey()} given from outside (the API, a profile): 1 to
 * {@value #MAX_LENGTH} printable characters, not all blank. {@link PickRequest} itself accepts any
 * key; these rules only keep odd input out of the balancer, the audit log and the session list.
 */
public final class StickyKeys {
  /** Longest key, in characters (code points). */
  public static final int MAX_LENGTH = 128;

  private StickyKeys() {}

  /**
   * The key, checked.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static String check(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("stickyKey must be 1-" + MAX_LENGTH + " characters");
    }
    int n = key.codePointCount(0, key.length());
    if (n > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "stickyKey must be 1-" + MAX_LENGTH + " characters, not " + n);
    }
    if (key.isBlank()) {
      throw new IllegalArgumentException("stickyKey must not be blank");
    }
    for (int i = 0; i < key.length(); ) {
      int cp = key.codePointAt(i);
      if (!printable(cp)) {
        throw new IllegalArgumentException(
            String.format(
                "stickyKey must be printable: U+%04X at character %d is not",
                cp, key.codePointCount(0, i) + 1));
      }
      i += Character.charCount(cp);
    }
    return key;
  }

  /** True when {@link #check} accepts the key. */
  public static boolean isValid(String key) {
    try {
      check(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The default key of a session that asks for LU names: the first one, when it is a valid key;
   * otherwise null (no key: the sticky strategy then balances round robin).
   */
  public static String ofLuNames(List<String> luNames) {
    if (luNames == null || luNames.isEmpty()) {
      return null;
    }
    String first = luNames.get(0);
    return isValid(first) ? first : null;
  }

  private static boolean printable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.PRIVATE_USE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
