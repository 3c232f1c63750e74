package dev.console3270.protocol.codepage;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * A single-byte EBCDIC code page as two tables built once from a JDK charset: 256 EBCDIC codes to
 * Unicode, and Unicode back to EBCDIC. Immutable. Obtain pages from {@link CodePages}.
 */
public final class CodePage {

  /** Marks an EBCDIC code with no Unicode character. */
  public static final char UNMAPPED = '\uffff';

  /** EBCDIC null. */
  public static final int NULL = 0x00;

  /** EBCDIC space. */
  public static final int SPACE = 0x40;

  /** DUP: shown as an asterisk. */
  public static final int DUP = 0x1c;

  /** Field mark: shown as a semicolon. */
  public static final int FM = 0x1e;

  /** SUB (substitute): shown as a solid square. */
  public static final int SUB = 0x3f;

  /** EO (eight ones): shown as a solid circle. */
  public static final int EO = 0xff;

  private final String name;
  private final char[] toUnicode;
  // Unicode to EBCDIC as two parallel arrays sorted by character (binary search).
  private final char[] reverseKeys;
  private final byte[] reverseCodes;

  private CodePage(String name, char[] toUnicode) {
    this.name = name;
    this.toUnicode = toUnicode;
    char[] keys = new char[256];
    byte[] codes = new byte[256];
    int n = 0;
    // Lower codes win, so that a character mapped twice encodes to its first code.
    for (int code = 0; code < 256; code++) {
      char c = toUnicode[code];
      if (c == UNMAPPED) {
        continue;
      }
      int pos = Arrays.binarySearch(keys, 0, n, c);
      if (pos >= 0) {
        continue;
      }
      int insert = -pos - 1;
      System.arraycopy(keys, insert, keys, insert + 1, n - insert);
      System.arraycopy(codes, insert, codes, insert + 1, n - insert);
      keys[insert] = c;
      codes[insert] = (byte) code;
      n++;
    }
    this.reverseKeys = Arrays.copyOf(keys, n);
    this.reverseCodes = Arrays.copyOf(codes, n);
  }

  /**
   * Builds a code page from a JDK charset, then applies overrides given as pairs {@code {code,
   * character}} (a character of {@link #UNMAPPED} removes a mapping).
   */
  static CodePage fromCharset(String name, String charsetName, int[][] overrides) {
    CharsetDecoder decoder =
        Charset.forName(charsetName)
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    char[] table = new char[256];
    for (int code = 0; code < 256; code++) {
      table[code] = UNMAPPED;
      try {
        CharBuffer out = decoder.reset().decode(ByteBuffer.wrap(new byte[] {(byte) code}));
        if (out.length() == 1) {
          table[code] = out.get(0);
        }
      } catch (CharacterCodingException e) {
        // stays unmapped
      }
    }
    for (int[] override : overrides) {
      table[override[0]] = (char) override[1];
    }
    return new CodePage(name, table);
  }

  /** The code page's canonical name, such as {@code cp037} or {@code bracket}. */
  public String name() {
    return name;
  }

  /** The Unicode character for an EBCDIC code, or {@link #UNMAPPED}. */
  public char toUnicode(int ebcdic) {
    return toUnicode[ebcdic & 0xff];
  }

  /** The EBCDIC code for a Unicode character, or -1 when the page has none. */
  public int toEbcdic(char c) {
    int pos = Arrays.binarySearch(reverseKeys, c);
    return pos < 0 ? -1 : reverseCodes[pos] & 0xff;
  }

  /**
   * The character x3270 shows for an EBCDIC code in a displayed cell (its {@code Ascii()} action):
   * null and other controls are blanks, except DUP ({@code *}), FM ({@code ;}), SUB ({@code ■}) and
   * EO ({@code ●}); codes the page does not map are blanks.
   */
  public char display(int ebcdic) {
    int code = ebcdic & 0xff;
    switch (code) {
      case DUP:
        return '*';
      case FM:
        return ';';
      case SUB:
        return '\u25a0';
      case EO:
        return '\u25cf';
      default:
        break;
    }
    if (code < SPACE) {
      return ' ';
    }
    char c = toUnicode[code];
    return c == UNMAPPED || Character.isISOControl(c) ? ' ' : c;
  }

  @Override
  public String toString() {
    return "CodePage[" + name + "]";
  }
}
