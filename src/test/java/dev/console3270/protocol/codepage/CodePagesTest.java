package dev.console3270.protocol.codepage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodePagesTest {

  @Test
  void hasTheX3270SingleBytePagesWithBracketFirstAndDefault() {
    assertThat(CodePages.names())
        .hasSizeGreaterThanOrEqualTo(20)
        .startsWith("bracket")
        .contains(
            "cp037", "cp273", "cp277", "cp278", "cp280", "cp284", "cp285", "cp297", "cp500",
            "cp870", "cp871", "cp875", "cp1047", "cp1140", "cp1141", "cp1142", "cp1143", "cp1144",
            "cp1145", "cp1146", "cp1147", "cp1148", "cp1149");
    assertThat(CodePages.defaultPage().name()).isEqualTo("bracket");
    assertThat(CodePages.defaultPage())
        .isSameAs(CodePages.bracket())
        .isSameAs(CodePages.get("bracket"));
  }

  @ParameterizedTest
  @CsvSource({
    "bracket, AD, [",
    "bracket, BD, ]",
    "bracket, BA, Ý",
    "bracket, BB, ¨",
    "bracket, C1, A",
    "bracket, 4A, ¢",
    "cp037, C1, A",
    "cp037, 4A, ¢",
    "cp037, BA, [",
    "cp037, BB, ]",
    "cp037, AD, Ý",
    "cp037, BD, ¨",
    "cp037, 5F, ¬",
    "cp037, F0, 0",
    "cp037, 81, a",
    "cp1047, AD, [",
    "cp1047, BD, ]",
    "cp1047, 5F, ^",
    "cp273, 4A, Ä",
    "cp273, 7C, §",
    "cp500, 4A, [",
    "cp500, 5A, ]",
    "cp285, 5B, £",
    "cp297, 7B, £",
    "cp1140, 9F, €",
    "cp1141, 9F, €",
    "cp1148, 9F, €",
    "cp278, 71, É",
    "cp871, 4A, þ",
    "cp1160, FE, €",
  })
  void knownBytes(String page, String hex, String expected) {
    assertThat(CodePages.get(page).toUnicode(Integer.parseInt(hex, 16)))
        .isEqualTo(expected.charAt(0));
  }

  @ParameterizedTest
  @CsvSource({
    "cp037, cp037",
    "CP037, cp037",
    "cp37, cp037",
    "37, cp037",
    "037, cp037",
    "IBM037, cp037",
    "ibm-37, cp037",
    "us, cp037",
    "us-intl, cp037",
    "german, cp273",
    "273, cp273",
    "belgian, cp500",
    "uk, cp285",
    "french, cp297",
    "swedish, cp278",
    "finnish, cp278",
    "1047, cp1047",
    "IBM-1047, cp1047",
    "cp01140, cp1140",
    "1140, cp1140",
    "us-euro, cp1140",
    "german-euro, cp1141",
    "belgian-euro, cp1148",
    "oldibm, bracket",
    "bracket437, bracket",
    "' Bracket ', bracket",
    "greek, cp875",
    "thai, cp1160",
  })
  void acceptsX3270NamesAndAliases(String name, String canonical) {
    assertThat(CodePages.get(name).name()).isEqualTo(canonical);
    assertThat(CodePages.canonicalName(name)).contains(canonical);
  }

  @Test
  void unknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> CodePages.get("klingon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("klingon")
        .hasMessageContaining("bracket (oldibm, bracket437)")
        .hasMessageContaining("cp037 (us, us-intl)")
        .hasMessageContaining("cp273 (german)")
        .hasMessageContaining("cp1047");
    assertThat(CodePages.find("cp9999")).isEmpty();
    assertThat(CodePages.isDbcs("klingon")).isFalse();
    assertThat(CodePages.isDbcs("cp037")).isFalse();
    assertThat(CodePages.find(null)).isEmpty();
    assertThat(CodePages.find("cp")).isEmpty();
  }

  @Test
  void dbcsPagesAreNamedButNotSupported() {
    for (String name : new String[] {"cp937", "937", "IBM-930", "korean", "cp1388"}) {
      assertThat(CodePages.isDbcs(name)).as(name).isTrue();
      assertThat(CodePages.find(name)).isEmpty();
      assertThatThrownBy(() -> CodePages.get(name))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("DBCS code page")
          .hasMessageContaining("bracket");
    }
  }

  @Test
  void everyMappedCodeRoundTrips() {
    for (String name : CodePages.names()) {
      CodePage cp = CodePages.get(name);
      int mapped = 0;
      for (int code = 0; code < 256; code++) {
        char c = cp.toUnicode(code);
        if (c == CodePage.UNMAPPED) {
          continue;
        }
        mapped++;
        int back = cp.toEbcdic(c);
        // A character mapped twice encodes to its lower code.
        assertThat(back).as("%s X'%02X' U+%04X", name, code, (int) c).isBetween(0, code);
        assertThat(cp.toUnicode(back)).isEqualTo(c);
      }
      assertThat(mapped).as(name).isGreaterThan(150);
      assertThat(cp.toEbcdic('\uffff')).isEqualTo(-1);
    }
  }

  @Test
  void textEncodesAndDecodes() {
    CodePage cp = CodePages.bracket();
    String text = "Hello, World! [x] {y} 0123456789 $#@";
    StringBuilder back = new StringBuilder();
    for (char c : text.toCharArray()) {
      back.append(cp.toUnicode(cp.toEbcdic(c)));
    }
    assertThat(back.toString()).isEqualTo(text);
    assertThat(cp.toEbcdic('[')).isEqualTo(0xad);
    assertThat(CodePages.get("cp037").toEbcdic('[')).isEqualTo(0xba);
    assertThat(cp.toEbcdic('€')).isEqualTo(-1);
  }

  /**
   * What s3270 4.1 shows for controls (ScreenTextS3270Test checks these against it): null, FF, CR,
   * NL, EM and the other controls are blanks; DUP is '*', FM ';', SUB '■' and EO (X'FF') '●'.
   */
  @Test
  void controlsDisplayAsX3270ShowsThem() {
    for (String name : CodePages.names()) {
      CodePage cp = CodePages.get(name);
      for (int code = 0; code < 0x40; code++) {
        char expected =
            switch (code) {
              case 0x1c -> '*';
              case 0x1e -> ';';
              case 0x3f -> '■';
              default -> ' ';
            };
        assertThat(cp.display(code)).as("%s X'%02X'", name, code).isEqualTo(expected);
      }
      assertThat(cp.display(0x40)).isEqualTo(' ');
      assertThat(cp.display(0xff)).isEqualTo('●');
      assertThat(cp.display(0xc1)).isEqualTo(cp.toUnicode(0xc1));
    }
    // Codes a page does not map show as blanks (cp875 X'DC', cp424 X'70').
    assertThat(CodePages.get("cp875").display(0xdc)).isEqualTo(' ');
    assertThat(CodePages.get("cp424").display(0x70)).isEqualTo(' ');
    // The JDK's tables keep the controls (for round trips), the display does not show them.
    assertThat(CodePages.get("cp037").toUnicode(0x25)).isEqualTo('\n');
  }
}
