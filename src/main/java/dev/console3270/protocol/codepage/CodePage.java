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
 * Unicode, and Unicode back to EBCDIC. Immutable.
 */
public final class CodePage {

  /** Marks an EBCDIC code with no Unicode character. */
  public static final char UNMAPPED = '\uffff';

  private final String name;
  private final char[] toUnicode;
  private final char[] fromUnicode;

  private CodePage(String name, char[] toUnicode) {
    this.name = name;
    this.toUnicode = toUnicode;
    char[] reverse = new char[0x10000];
    Arrays.fill(reverse, UNMAPPED);
    // Lower codes win, so that a character mapped twice encodes to its first code.
    for (int code = 255; code >= 0; code--) {
      char c = toUnicode[code];
      if (c != UNMAPPED) {
        reverse[c] = (char) code;
      }
    }
    this.fromUnicode = reverse;
  }

  /**
   * Builds a code page from a JDK charset, then applies overrides given as pairs {@code {code,
   * character}}.
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

  /** The code page's name, such as {@code 037} or {@code bracket}. */
  public String name() {
    return name;
  }

  /** The Unicode character for an EBCDIC code, or {@link #UNMAPPED}. */
  public char toUnicode(int ebcdic) {
    return toUnicode[ebcdic & 0xff];
  }

  /** The EBCDIC code for a Unicode character, or -1 when the page has none. */
  public int toEbcdic(char c) {
    char code = fromUnicode[c];
    return code == UNMAPPED ? -1 : code;
  }
}
