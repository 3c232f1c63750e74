package dev.console3270.audit;

/**
 * Masks payment card numbers in text: a run of 13 to 19 ASCII digits, optionally split into groups
 * by single spaces or dashes, that passes the Luhn check keeps its first six and last four digits;
 * the digits between become {@code *} and separators stay where they were. Runs that fail the Luhn
 * check, or whose length is outside 13 to 19 digits, are left alone.
 *
 * <p>Candidates are whole digit groups: a card number is never cut out of the middle of a longer
 * digit run. Where groups could form several candidates, the longest valid one starting at the
 * earliest group wins. The scan is linear in the text (each start group looks at no more than 19
 * following groups), with no regular expressions, so long digit runs cost nothing extra. Text
 * without a card number is returned as the same instance.
 *
 * <p>Masking is not idempotent: rarely, the kept digits of a masked number and the digit groups
 * next to them form a new Luhn-valid candidate, which a second pass would mask too. Mask raw text
 * once.
 */
public final class CardMasker {

  /** Fewest digits of a card number. */
  public static final int MIN_DIGITS = 13;

  /** Most digits of a card number. */
  public static final int MAX_DIGITS = 19;

  private CardMasker() {}

  /** Returns {@code text} with every Luhn-valid card number masked; null stays null. */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    int digitsInAll = 0;
    for (int k = 0; k < n && digitsInAll < MIN_DIGITS; k++) {
      if (isDigit(text.charAt(k))) {
        digitsInAll++;
      }
    }
    if (digitsInAll < MIN_DIGITS) {
      return text; // too few digits for any card number: the common case, no allocation
    }
    int i = 0;
    while (i < n && !isDigit(text.charAt(i))) {
      i++;
    }
    char[] out = null;
    // starts/ends hold the digit groups of the candidate being looked at.
    int[] starts = new int[MAX_DIGITS + 1];
    int[] ends = new int[MAX_DIGITS + 1];
    while (i < n) {
      if (!isDigit(text.charAt(i))) {
        i++;
        continue;
      }
      // i starts a group. Try candidates made of this group and the groups after it.
      int count = 0;
      int digits = 0;
      int p = i;
      while (count <= MAX_DIGITS) {
        int s = p;
        while (p < n && isDigit(text.charAt(p))) {
          p++;
        }
        starts[count] = s;
        ends[count] = p;
        count++;
        digits += p - s;
        if (digits > MAX_DIGITS) {
          break;
        }
        if (p + 1 < n && isSeparator(text.charAt(p)) && isDigit(text.charAt(p + 1))) {
          p++;
        } else {
          break;
        }
      }
      // Longest valid candidate first: groups [0, k). A candidate touching a letter is part of
      // a word or a hex string (such as a hash), not a card number.
      boolean letterBefore = i > 0 && Character.isLetter(text.charAt(i - 1));
      int total = 0;
      int best = -1;
      for (int k = 0; k < count && !letterBefore; k++) {
        total += ends[k] - starts[k];
        if (total > MAX_DIGITS) {
          break;
        }
        boolean letterAfter = ends[k] < n && Character.isLetter(text.charAt(ends[k]));
        if (total >= MIN_DIGITS && !letterAfter && luhn(text, starts, ends, k + 1, total)) {
          best = k;
        }
      }
      if (best >= 0) {
        if (out == null) {
          out = text.toCharArray();
        }
        int digitsTotal = 0;
        for (int k = 0; k <= best; k++) {
          digitsTotal += ends[k] - starts[k];
        }
        int index = 0;
        for (int k = 0; k <= best; k++) {
          for (int c = starts[k]; c < ends[k]; c++) {
            if (index >= 6 && index < digitsTotal - 4) {
              out[c] = '*';
            }
            index++;
          }
        }
        i = ends[best];
      } else {
        // Next candidate starts at the following group of this run, or after this group.
        i = ends[0];
        if (i + 1 < n && isSeparator(text.charAt(i)) && isDigit(text.charAt(i + 1))) {
          i++;
        } else {
          i++;
        }
      }
    }
    return out == null ? text : new String(out);
  }

  /** Whether {@code text} holds a Luhn-valid card number that {@link #mask} would change. */
  public static boolean containsCardNumber(String text) {
    return text != null && !mask(text).equals(text);
  }

  /** The Luhn check of a digit string (digits only). */
  public static boolean luhnValid(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      char c = digits.charAt(i);
      if (!isDigit(c)) {
        return false;
      }
      int d = c - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return digits.length() > 0 && sum % 10 == 0;
  }

  private static boolean luhn(String text, int[] starts, int[] ends, int groups, int total) {
    int sum = 0;
    boolean dbl = false;
    for (int k = groups - 1; k >= 0; k--) {
      for (int c = ends[k] - 1; c >= starts[k]; c--) {
        int d = text.charAt(c) - '0';
        if (dbl) {
          d *= 2;
          if (d > 9) {
            d -= 9;
          }
        }
        sum += d;
        dbl = !dbl;
      }
    }
    return total > 0 && sum % 10 == 0;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '-';
  }
}
