package dev.console3270.protocol.datastream;

import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * TEST-ONLY renderer: the buffer as text lines, as s3270's PrintText shows it. Code page "bracket"
 * (IBM037 with X'AD'/X'BA' and X'BD'/X'BB' swapped); blanks for nulls, controls, field attributes
 * and non-display fields.
 */
final class ScreenText {
  private static final char[] BRACKET = new char[256];

  static {
    Charset cp037 = Charset.forName("IBM037");
    for (int i = 0; i < 256; i++) {
      BRACKET[i] = new String(new byte[] {(byte) i}, cp037).charAt(0);
    }
    char ad = BRACKET[0xad];
    BRACKET[0xad] = BRACKET[0xba];
    BRACKET[0xba] = ad;
    char bd = BRACKET[0xbd];
    BRACKET[0xbd] = BRACKET[0xbb];
    BRACKET[0xbb] = bd;
  }

  private ScreenText() {}

  static List<String> lines(ScreenBuffer s) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int a = 0; a < s.size(); a++) {
      line.append(charAt(s, a));
      if ((a + 1) % s.cols() == 0) {
        out.add(line.toString());
        line.setLength(0);
      }
    }
    return out;
  }

  static char charAt(ScreenBuffer s, int a) {
    if (s.isFieldAttribute(a)) {
      return ' ';
    }
    FieldAttribute fa = s.fieldAttributeAt(a);
    if (fa != null && fa.isNonDisplay()) {
      return ' ';
    }
    int c = s.charAt(a);
    if (c < 0x40 || c == 0xff) {
      return ' ';
    }
    if (s.charsetAt(a) == Attributes.CS_APL) {
      return '\u2395'; // any APL character: not used by the screens compared here
    }
    return BRACKET[c];
  }

  /** The text of a row range, for assertions on small screens. */
  static String row(ScreenBuffer s, int row) {
    return lines(s).get(row);
  }
}
