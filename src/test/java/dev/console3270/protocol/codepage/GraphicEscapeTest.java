package dev.console3270.protocol.codepage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The GE table as s3270 4.1 shows it (ScreenTextS3270Test compares all 256 codes with s3270
 * itself): Unicode APL and box-drawing characters from X'70' up, blanks below and where none
 * exists.
 */
class GraphicEscapeTest {

  @ParameterizedTest
  @CsvSource({
    "AD, [", "BD, ]", "C0, {", "D0, }", "70, ⋄", "8F, →", "9F, ←", "B0, ⍺", "B4, ⍵", "BA, ∇",
    "BB, ∆", "C4, └", "C5, ┌", "D3, ┼", "A2, ─", "85, │", "90, ⎕", "F1, ¹", "E7, €",
  })
  void knownCodes(String hex, String expected) {
    int code = Integer.parseInt(hex, 16);
    assertThat(GraphicEscape.toUnicode(code)).isEqualTo(expected.charAt(0));
    assertThat(GraphicEscape.display(code)).isEqualTo(expected.charAt(0));
    assertThat(GraphicEscape.fromUnicode(expected.charAt(0))).isEqualTo(code);
  }

  @Test
  void codesWithoutACharacterAreBlanks() {
    for (int code = 0; code < 0x70; code++) {
      assertThat(GraphicEscape.toUnicode(code)).isEqualTo(CodePage.UNMAPPED);
      assertThat(GraphicEscape.display(code)).isEqualTo(' ');
    }
    // The underscored letters X'41'-X'49' have no single Unicode character.
    assertThat(GraphicEscape.display(0x41)).isEqualTo(' ');
    assertThat(GraphicEscape.display(0xff)).isEqualTo(' ');
    assertThat(GraphicEscape.fromUnicode('A')).isEqualTo(-1);
    assertThat(GraphicEscape.fromUnicode(CodePage.UNMAPPED)).isEqualTo(-1);
    assertThat(GraphicEscape.mappedCount()).isEqualTo(113);
  }

  @Test
  void everyMappedCodeRoundTrips() {
    for (int code = 0; code < 256; code++) {
      char c = GraphicEscape.toUnicode(code);
      if (c != CodePage.UNMAPPED) {
        assertThat(GraphicEscape.fromUnicode(c)).isEqualTo(code);
      }
    }
  }
}
