package dev.console3270.protocol.codepage;

/**
 * The graphic escape (GE) character set: the APL and box-drawing characters of code page 310 that
 * the host reaches with the GE order or the APL character-set attribute (X'F1').
 *
 * <p>The table holds the Unicode character s3270 4.1 shows for each GE code, recorded code by code
 * from its {@code Ascii()} output (a screen with GE X'00' to X'FF'). s3270 prints these Unicode
 * characters whatever the locale; codes with no character (such as the underscored letters at
 * X'41'-X'49' and everything below X'70') show as blanks. The table is an immutable string built
 * once.
 */
public final class GraphicEscape {

  /** Pairs of hex digits: GE code, then the Unicode character's four hex digits. */
  private static final String PAIRS =
      "70 22C4 71 2227 72 00A8 73 233B 74 2378 75 2377 76 22A2 77 22A3 78 2228 "
          + "80 223C 83 23B8 84 23B9 85 2502 8A 2191 8B 2193 8C 2264 8D 2308 8E 230A 8F 2192 "
          + "90 2395 91 258C 92 2590 93 2580 94 2584 95 25A0 9A 2283 9B 2282 9C 00A4 9D 25CB "
          + "9E 00B1 9F 2190 A0 00AF A1 00B0 A2 2500 A3 2022 AA 2229 AB 222A AC 22A5 AD 005B "
          + "AE 2265 AF 2218 B0 237A B1 220A B2 2373 B3 2374 B4 2375 B6 00D7 B7 005C B8 00F7 "
          + "BA 2207 BB 2206 BC 22A4 BD 005D BE 2260 BF 2223 C0 007B C1 207C C2 002B C3 220E "
          + "C4 2514 C5 250C C6 251C C7 2534 C8 00A7 CA 2372 CB 2371 CC 2337 CD 233D CE 2342 "
          + "CF 2349 D0 007D D1 207E D2 002D D3 253C D4 2518 D5 2510 D6 2524 D7 252C D8 00B6 "
          + "DA 2336 DB 0021 DC 2352 DD 234B DE 235E DF 235D E0 2261 E1 2081 E2 0282 E3 0283 "
          + "E4 2364 E5 2365 E6 236A E7 20AC EA 233F EB 2340 EC 2235 ED 2296 EE 2339 EF 2355 "
          + "F0 2070 F1 00B9 F2 00B2 F3 00B3 F4 2074 F5 2075 F6 2076 F7 2077 F8 2078 F9 2079 "
          + "FB 236B FC 2359 FD 235F FE 234E";

  /** 256 characters, {@link CodePage#UNMAPPED} where a code has none. */
  private static final String TABLE = buildTable();

  private GraphicEscape() {}

  private static String buildTable() {
    char[] table = new char[256];
    java.util.Arrays.fill(table, CodePage.UNMAPPED);
    String[] parts = PAIRS.trim().split("\\s+");
    for (int i = 0; i + 1 < parts.length; i += 2) {
      table[Integer.parseInt(parts[i], 16)] = (char) Integer.parseInt(parts[i + 1], 16);
    }
    return new String(table);
  }

  /** The Unicode character for a GE code, or {@link CodePage#UNMAPPED}. */
  public static char toUnicode(int geCode) {
    return TABLE.charAt(geCode & 0xff);
  }

  /** The character s3270 shows for a GE code: its Unicode character, or a blank. */
  public static char display(int geCode) {
    char c = toUnicode(geCode);
    return c == CodePage.UNMAPPED ? ' ' : c;
  }

  /** The GE code for a Unicode character, or -1 when the APL set has none. */
  public static int fromUnicode(char c) {
    if (c == CodePage.UNMAPPED) {
      return -1;
    }
    return TABLE.indexOf(c);
  }

  /** How many GE codes have a Unicode character. */
  public static int mappedCount() {
    int n = 0;
    for (int i = 0; i < 256; i++) {
      if (TABLE.charAt(i) != CodePage.UNMAPPED) {
        n++;
      }
    }
    return n;
  }
}
