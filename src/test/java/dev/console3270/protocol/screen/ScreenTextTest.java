package dev.console3270.protocol.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ScreenText on hand-built buffers. The rules, as s3270 4.1 showed them (ScreenTextS3270Test checks
 * the same against the running s3270): attribute positions, nulls and non-display fields are
 * blanks; DUP '*', FM ';', SUB '■', EO '●'; APL cells show their APL character; regions split at
 * row ends; AsciiField does not wrap past the end of the screen; Ebcdic shows raw codes, 00 at
 * attributes.
 */
class ScreenTextTest {

  private static final CodePage CP = CodePages.bracket();

  /** A 4x10 buffer. */
  private static ScreenBuffer small() {
    return new ScreenBuffer(4, 10, 4, 10);
  }

  private static void put(ScreenBuffer b, int address, String text) {
    for (int i = 0; i < text.length(); i++) {
      b.setChar(address + i, CP.toEbcdic(text.charAt(i)), 0, 0, 0, 0);
    }
  }

  @Test
  void unformattedScreenShowsCharactersAndNullsAsBlanks() {
    ScreenBuffer b = small();
    put(b, 0, "[ABC]");
    put(b, 12, "xyz");
    assertThat(ScreenText.ascii(b.snapshot(), CP))
        .containsExactly("[ABC]     ", "  xyz     ", "          ", "          ");
    assertThat(ScreenText.asciiText(b.snapshot(), CP))
        .isEqualTo("[ABC]     \n  xyz     \n          \n          ");
  }

  @Test
  void attributesAreBlanksAndNonDisplayFieldsAreBlanked() {
    ScreenBuffer b = small();
    b.setFieldAttribute(0, FieldAttribute.PROTECTED);
    put(b, 1, "User");
    b.setFieldAttribute(5, FieldAttribute.DISPLAY_NONE);
    put(b, 6, "PASSWORD");
    b.setFieldAttribute(14, FieldAttribute.DISPLAY_INTENSIFIED);
    put(b, 15, "Hi");
    assertThat(ScreenText.ascii(b.snapshot(), CP))
        .containsExactly(" User     ", "     Hi   ", "          ", "          ");
  }

  @Test
  void aFieldWrappingFromTheEndHidesTheTopToo() {
    ScreenBuffer b = small();
    put(b, 0, "TOP");
    b.setFieldAttribute(5, 0);
    put(b, 6, "shown");
    b.setFieldAttribute(35, FieldAttribute.DISPLAY_NONE);
    put(b, 36, "HIDE");
    ScreenSnapshot s = b.snapshot();
    assertThat(ScreenText.ascii(s, CP).get(0)).isEqualTo("      show");
    assertThat(ScreenText.ascii(s, CP).get(3)).isEqualTo("          ");
    assertThat(ScreenText.displayChar(s, CP, 1)).isEqualTo(' ');
    char[] all = ScreenText.displayChars(s, CP);
    for (int a = 0; a < s.size(); a++) {
      assertThat(all[a]).isEqualTo(ScreenText.displayChar(s, CP, a));
    }
  }

  @Test
  void controlsAndGraphicEscape() {
    ScreenBuffer b = small();
    int[] codes = {0xc1, 0x1c, 0x1e, 0x3f, 0xff, 0x00, 0x0c, 0x15, 0xc2};
    for (int i = 0; i < codes.length; i++) {
      b.setChar(i, codes[i], 0, 0, 0, 0);
    }
    b.setChar(10, 0xad, Attributes.CS_APL, 0, 0, 0);
    b.setChar(11, 0xc4, Attributes.CS_APL, 0, 0, 0);
    b.setChar(12, 0x41, Attributes.CS_APL, 0, 0, 0);
    b.setChar(13, 0xad, 0, 0, 0, 0);
    assertThat(ScreenText.ascii(b.snapshot(), CP).subList(0, 2))
        .containsExactly("A*;■●   B ", "[└ [      ");
    assertThat(ScreenText.displayChar(b.snapshot(), CP, 11)).isEqualTo('└');
  }

  @Test
  void regionsSplitAtRowEnds() {
    ScreenBuffer b = small();
    put(b, 0, "0123456789abcdefghij");
    b.setCursor(8);
    ScreenSnapshot s = b.snapshot();
    assertThat(ScreenText.ascii(s, CP, 0, 7, 6)).containsExactly("789", "abc");
    assertThat(ScreenText.ascii(s, CP, 4)).containsExactly("89", "ab");
    assertThat(ScreenText.ascii(s, CP, 0, 2, 2, 3)).containsExactly("234", "cde");
    assertThat(ScreenText.ascii1(s, CP, 1, 3, 2, 3)).containsExactly("234", "cde");
    assertThat(ScreenText.ascii1(s, CP, 2, 1, 3)).containsExactly("abc");
    assertThat(ScreenText.ascii(s, CP, 1, 1, 0)).containsExactly("");
    assertThat(ScreenText.ascii(s, CP, 0, 0, 0, 0)).containsExactly("");
    assertThat(ScreenText.ascii(s, CP, 3, 9, 1)).containsExactly(" ");
  }

  @Test
  void regionsOutsideTheScreenAreRejected() {
    ScreenSnapshot s = small().snapshot();
    assertThatThrownBy(() -> ScreenText.ascii(s, CP, 3, 9, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreenText.ascii(s, CP, 4, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreenText.ascii(s, CP, 0, 10, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreenText.ascii(s, CP, -1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreenText.ascii(s, CP, 0, 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreenText.ascii(s, CP, 0, 0, 5, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreenText.ascii(s, CP, 0, 5, 1, 6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreenText.ascii(s, CP, 41))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ScreenText.ascii1(s, CP, 0, 1, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void asciiFieldIsTheFieldUnderTheCursorWithoutWrapping() {
    ScreenBuffer b = small();
    b.setFieldAttribute(3, FieldAttribute.PROTECTED);
    put(b, 4, "Name");
    b.setFieldAttribute(8, 0);
    put(b, 9, "JOHN");
    b.setFieldAttribute(25, FieldAttribute.DISPLAY_NONE);
    put(b, 26, "SECRET");
    b.setFieldAttribute(35, 0);
    put(b, 36, "END");
    put(b, 0, "TOP");
    b.setCursor(10);
    assertThat(ScreenText.asciiField(b.snapshot(), CP)).containsExactly("J", "OHN       ", "     ");
    b.setCursor(8);
    assertThat(ScreenText.asciiField(b.snapshot(), CP)).containsExactly("J", "OHN       ", "     ");
    b.setCursor(28);
    assertThat(ScreenText.asciiField(b.snapshot(), CP)).containsExactly("    ", "     ");
    // The last field wraps to the top on the 3270, but s3270 stops at the end of the screen.
    b.setCursor(1);
    assertThat(ScreenText.asciiField(b.snapshot(), CP)).containsExactly("END ");
    assertThat(ScreenText.ebcdicField(b.snapshot())).containsExactly("c5 d5 c4 00");
  }

  @Test
  void asciiFieldNeedsAFormattedScreen() {
    ScreenSnapshot s = small().snapshot();
    assertThatThrownBy(() -> ScreenText.asciiField(s, CP))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not formatted");
    assertThatThrownBy(() -> ScreenText.ebcdicField(s)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void ebcdicIsLowerCaseHexWithAttributesAsZero() {
    ScreenBuffer b = small();
    b.setFieldAttribute(0, FieldAttribute.DISPLAY_NONE | FieldAttribute.PROTECTED);
    put(b, 1, "AB");
    b.setChar(3, 0xad, Attributes.CS_APL, 0, 0, 0);
    ScreenSnapshot s = b.snapshot();
    assertThat(ScreenText.ebcdic(s, 0, 0, 5)).containsExactly("00 c1 c2 ad 00");
    assertThat(ScreenText.ebcdic(s, 0, 8, 4)).containsExactly("00 00", "00 00");
    assertThat(ScreenText.ebcdic(s, 0, 1, 2, 2)).containsExactly("c1 c2", "00 00");
    List<String> all = ScreenText.ebcdic(s);
    assertThat(all).hasSize(4);
    assertThat(all.get(0)).isEqualTo("00 c1 c2 ad 00 00 00 00 00 00");
  }
}
