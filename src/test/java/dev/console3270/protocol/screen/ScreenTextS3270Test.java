package dev.console3270.protocol.screen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.testing.Oracle;
import dev.console3270.testing.S3270;
import dev.console3270.testing.ScreenScript;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ScreenText#ascii} against the real s3270 4.1: the same screen is sent to s3270 as a 3270
 * record and built by hand as a {@link ScreenBuffer}; both must print the same rows.
 */
class ScreenTextS3270Test {

  private static final CodePage BRACKET = CodePages.bracket();

  private static void assertSameAsS3270(ScreenScript script, String codePage) throws IOException {
    S3270.assumeAvailable();
    Oracle.Result r = Oracle.replay(script.trace(), "3279-2-E", codePage);
    assertThat(r.error()).isNull();
    assertThat(r.in3270()).as("s3270 state %s", r.connectionState()).isTrue();
    CodePage cp = codePage == null ? BRACKET : CodePages.get(codePage);
    List<String> ours = ScreenText.ascii(script.snapshot(), cp);
    assertThat(String.join("\n", ours)).isEqualTo(String.join("\n", r.screen()));
  }

  @Test
  void fieldsNullsNonDisplayAndControlsAsS3270() throws IOException {
    ScreenScript s = new ScreenScript();
    // An unprotected field, a non-display field (blanked, attribute blank), nulls inside text.
    s.at(0, 0).field(0x00).text("HELLO", BRACKET);
    s.field(0x0c).text("SECRET", BRACKET);
    s.field(0x28).codes(0xc1, 0x00, 0x00, 0xc2);
    // Controls s3270 keeps in a write: null, DUP, FM, SUB, and EO (X'FF').
    s.at(1, 0).codes(0xc1, 0x00, 0xc1, 0x1c, 0xc1, 0x1e, 0xc1, 0x3f, 0xc1, 0xff, 0xc1);
    // A protected, intensified field running over a row end.
    s.at(2, 75).field(0x28).text("WRAPPED TEXT", BRACKET);
    s.at(5, 10).field(0x20).cursor();
    assertSameAsS3270(s, null);
  }

  @Test
  void formatControlsAsS3270() throws IOException {
    // FF, CR, NL, EM: s3270 keeps them in a write and shows blanks.
    ScreenScript s = new ScreenScript();
    s.at(0, 0).codes(0xc1, 0x0c, 0xc1, 0x0d, 0xc1, 0x15, 0xc1, 0x19, 0xc1);
    assertSameAsS3270(s, null);
  }

  @Test
  void everyGraphicEscapeCodeAsS3270() throws IOException {
    // 256 GE codes, 64 a row over four rows, in an unformatted screen; then the same codes via
    // the APL character-set attribute.
    ScreenScript s = new ScreenScript();
    for (int code = 0; code < 256; code++) {
      if (code % 64 == 0) {
        s.at(code / 64, 0);
      }
      s.ge(code);
    }
    s.at(5, 0).charset(0xf1).codes(0x70, 0x71, 0xad, 0xbd, 0xc1, 0x41).charset(0).codes(0xc1);
    assertSameAsS3270(s, null);
  }

  @Test
  void everyGraphicCodeOfTheDefaultPageAsS3270() throws IOException {
    ScreenScript s = new ScreenScript();
    for (int code = 0x40; code <= 0xff; code++) {
      if ((code - 0x40) % 64 == 0) {
        s.at((code - 0x40) / 64, 0);
      }
      s.codes(code);
    }
    assertSameAsS3270(s, null);
  }

  @Test
  void everyCodePageAsS3270() throws IOException {
    for (String name : CodePages.names()) {
      ScreenScript s = new ScreenScript();
      for (int code = 0x40; code <= 0xff; code++) {
        if ((code - 0x40) % 64 == 0) {
          s.at((code - 0x40) / 64, 0);
        }
        s.codes(code);
      }
      assertSameAsS3270(s, name);
    }
  }
}
