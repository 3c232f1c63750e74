package dev.console3270.protocol.codepage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-byte EBCDIC host code pages, under x3270's names and aliases. Every page is built once
 * when this class is initialised and kept in an immutable map. The default is {@code bracket}, as
 * in x3270 and s3270.
 *
 * <p>Names are matched case-insensitively. A page is found by its canonical name ({@code cp037},
 * {@code bracket}), by its number with or without a {@code cp}, {@code ibm} or {@code ibm-} prefix
 * and leading zeros ({@code 37}, {@code 037}, {@code IBM-1047}, {@code cp01140}), or by one of
 * x3270's aliases ({@code us}, {@code german}, {@code belgian-euro}, ...).
 *
 * <p>The tables come from the JDK's charsets, corrected where x3270 (checked against s3270 4.1,
 * code by code from X'40' to X'FF') shows another character; see {@link #SPECS}.
 */
public final class CodePages {

  /** The canonical name of the default code page. */
  public static final String DEFAULT_NAME = "bracket";

  private static final int U = CodePage.UNMAPPED;

  private record Spec(String name, String charset, List<String> aliases, int[][] overrides) {}

  /** The pages: canonical name, JDK charset, x3270 aliases, corrections to the JDK table. */
  private static final List<Spec> SPECS =
      List.of(
          spec(
              "bracket",
              "IBM037",
              List.of("oldibm", "bracket437"),
              new int[][] {{0xad, '['}, {0xbd, ']'}, {0xba, 0xdd}, {0xbb, 0xa8}}),
          spec("cp037", "IBM037", List.of("us", "us-intl")),
          spec("cp273", "IBM273", List.of("german")),
          spec("cp277", "IBM277", List.of("norwegian")),
          spec(
              "cp278",
              "IBM278",
              List.of("finnish", "swedish"),
              new int[][] {{0x71, 0xc9}, {0xe0, '\\'}}),
          spec("cp280", "IBM280", List.of("italian")),
          spec("cp284", "IBM284", List.of("spanish")),
          spec("cp285", "IBM285", List.of("uk")),
          spec("cp297", "IBM297", List.of("french")),
          spec(
              "cp424",
              "IBM424",
              List.of("hebrew"),
              new int[][] {{0x78, 0x21d4}, {0x8f, U}, {0xb3, 0xb7}, {0xbc, 0xaf}}),
          spec("cp500", "IBM500", List.of("belgian")),
          spec("cp870", "IBM870", List.of("polish", "slovenian"), new int[][] {{0xb0, 0xb7}}),
          spec("cp871", "IBM871", List.of("icelandic"), new int[][] {{0x4a, 0xfe}, {0xc0, 0xde}}),
          spec(
              "cp875",
              "x-IBM875",
              List.of("greek"),
              new int[][] {
                {0x6a, U},
                {0x74, 0x2207},
                {0xb4, 0x390},
                {0xb8, 0x3b0},
                {0xcc, 0x3ca},
                {0xcd, 0x3cb},
                {0xdd, 0xb7}
              }),
          spec(
              "cp880",
              "x-IBM1025",
              List.of("russian"),
              new int[][] {
                {0x41, U},
                {0x45, U},
                {0x55, U},
                {0x64, U},
                {0x6a, 0xa6},
                {0x73, U},
                {0x74, U},
                {0x79, U},
                {0xa1, U},
                {0xc0, U},
                {0xd0, U},
                {0xe1, 0xa4}
              }),
          spec(
              "cp1026", "IBM1026", List.of("turkish"), new int[][] {{0x9d, 0x2db}, {0xbc, 0x2014}}),
          spec("cp1047", "IBM1047", List.of()),
          spec("cp1140", "IBM01140", List.of("us-euro")),
          spec("cp1141", "IBM01141", List.of("german-euro")),
          spec("cp1142", "IBM01142", List.of("norwegian-euro")),
          spec("cp1143", "IBM01143", List.of("finnish-euro", "swedish-euro")),
          spec("cp1144", "IBM01144", List.of("italian-euro")),
          spec("cp1145", "IBM01145", List.of("spanish-euro")),
          spec("cp1146", "IBM01146", List.of("uk-euro")),
          spec("cp1147", "IBM01147", List.of("french-euro")),
          spec("cp1148", "IBM01148", List.of("belgian-euro")),
          spec("cp1149", "IBM01149", List.of("icelandic-euro")),
          spec("cp1160", "IBM-Thai", List.of("thai"), new int[][] {{0xfe, 0x20ac}}));

  /** x3270's double-byte host code pages and their aliases: named, but not supported here. */
  private static final List<String> DBCS =
      List.of(
          "cp930",
          "japanese-kana",
          "cp933",
          "korean",
          "cp935",
          "simplified-chinese",
          "cp937",
          "traditional-chinese",
          "cp939",
          "japanese-latin",
          "cp1388",
          "chinese-gb18030");

  private static final Pattern NUMBERED = Pattern.compile("(?:cp|ibm-?)?0*(\\d{1,5})");

  private static final Map<String, CodePage> PAGES;
  private static final Map<String, String> ALIASES;

  static {
    Map<String, CodePage> pages = new LinkedHashMap<>();
    Map<String, String> aliases = new LinkedHashMap<>();
    for (Spec s : SPECS) {
      pages.put(s.name(), CodePage.fromCharset(s.name(), s.charset(), s.overrides()));
      for (String a : s.aliases()) {
        aliases.put(a, s.name());
      }
    }
    PAGES = Collections.unmodifiableMap(pages);
    ALIASES = Collections.unmodifiableMap(aliases);
  }

  private CodePages() {}

  private static Spec spec(String name, String charset, List<String> aliases) {
    return new Spec(name, charset, aliases, new int[0][]);
  }

  private static Spec spec(String name, String charset, List<String> aliases, int[][] overrides) {
    return new Spec(name, charset, aliases, overrides);
  }

  /** x3270's default page: CP037 with the square brackets at X'AD' and X'BD'. */
  public static CodePage bracket() {
    return PAGES.get(DEFAULT_NAME);
  }

  /** The default code page ({@code bracket}). */
  public static CodePage defaultPage() {
    return bracket();
  }

  /** The canonical names of all pages, default first. */
  public static List<String> names() {
    return List.copyOf(PAGES.keySet());
  }

  /** The aliases of a page, given its canonical name (empty for an unknown name). */
  public static List<String> aliases(String canonicalName) {
    List<String> result = new ArrayList<>();
    ALIASES.forEach(
        (alias, name) -> {
          if (name.equals(canonicalName)) {
            result.add(alias);
          }
        });
    return List.copyOf(result);
  }

  /** The canonical name for a name or alias, if it names a page. */
  public static Optional<String> canonicalName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String s = name.trim().toLowerCase(Locale.ROOT);
    if (PAGES.containsKey(s)) {
      return Optional.of(s);
    }
    if (ALIASES.containsKey(s)) {
      return Optional.of(ALIASES.get(s));
    }
    Matcher m = NUMBERED.matcher(s);
    if (m.matches()) {
      String number = m.group(1);
      String canonical =
          "cp" + (number.length() < 3 ? "0".repeat(3 - number.length()) : "") + number;
      if (PAGES.containsKey(canonical)) {
        return Optional.of(canonical);
      }
    }
    return Optional.empty();
  }

  /** The page a name or alias names, if any. */
  public static Optional<CodePage> find(String name) {
    return canonicalName(name).map(PAGES::get);
  }

  /**
   * The page a name or alias names.
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid names
   */
  public static CodePage get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    (isDbcs(name)
                            ? "DBCS code page '" + name + "' is not supported"
                            : "unknown code page '" + name + "'")
                        + "; valid code pages: "
                        + validNames()));
  }

  /** True when a name is one of x3270's double-byte (DBCS) host code pages, which are not here. */
  public static boolean isDbcs(String name) {
    if (name == null) {
      return false;
    }
    String s = name.trim().toLowerCase(Locale.ROOT);
    Matcher m = NUMBERED.matcher(s);
    if (m.matches()) {
      s = "cp" + m.group(1);
    }
    return DBCS.contains(s);
  }

  private static String validNames() {
    StringBuilder sb = new StringBuilder();
    for (String n : PAGES.keySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(n);
      List<String> a = aliases(n);
      if (!a.isEmpty()) {
        sb.append(" (").append(String.join(", ", a)).append(')');
      }
    }
    return sb.toString();
  }
}
