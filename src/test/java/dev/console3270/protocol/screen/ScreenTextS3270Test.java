package dev.console3270.protocol.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.testing.Oracle;
import dev.console3270.testing.S3270;
import dev.console3270.testing.ScreenScript;
import dev.console3270.testing.TraceReplayServer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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

  /**
   * A screen with fields (one non-display, one wrapping past the row end) and the cursor at 5,12.
   */
  private static ScreenScript regionScreen() {
    ScreenScript s = new ScreenScript();
    s.at(0, 0).field(0x20).text("Title line with text", BRACKET);
    s.at(1, 0).field(0x28).text("Name:", BRACKET).field(0x00).text("JOHN", BRACKET);
    s.at(1, 30).field(0x20).text("Password:", BRACKET).field(0x0c).text("HIDDEN", BRACKET);
    s.at(1, 50).field(0x20);
    s.at(2, 70).field(0x01).text("ACROSS THE ROW END", BRACKET);
    s.at(3, 0).field(0x20).codes(0xc1, 0x00, 0x1c, 0x1e).ge(0xad).ge(0x8f);
    s.at(23, 70).field(0x00).text("LAST", BRACKET);
    s.at(5, 12).cursor();
    return s;
  }

  @Test
  void regionsFieldsAndHexAsS3270() throws IOException, InterruptedException {
    S3270.assumeAvailable();
    ScreenScript script = regionScreen();
    ScreenSnapshot snap = script.snapshot();
    try (TraceReplayServer server = new TraceReplayServer(script.trace());
        S3270 s3270 = S3270.start("3279-2-E", null)) {
      assertThat(s3270.connect("127.0.0.1", server.port()).ok()).isTrue();
      assertThat(server.awaitAllSent(Duration.ofSeconds(10))).isTrue();
      List<String> ours = ScreenText.ascii(snap, BRACKET);
      for (int i = 0; i < 40 && !s3270.ascii().equals(ours); i++) {
        Thread.sleep(100);
      }
      assertThat(s3270.ascii()).isEqualTo(ours);

      Map<String, Supplier<List<String>>> cases = new LinkedHashMap<>();
      cases.put("Ascii(1,0,20)", () -> ScreenText.ascii(snap, BRACKET, 1, 0, 20));
      cases.put("Ascii(2,70,30)", () -> ScreenText.ascii(snap, BRACKET, 2, 70, 30));
      cases.put("Ascii(23,70,10)", () -> ScreenText.ascii(snap, BRACKET, 23, 70, 10));
      cases.put("Ascii(1,2,0)", () -> ScreenText.ascii(snap, BRACKET, 1, 2, 0));
      cases.put("Ascii(1,28,3,15)", () -> ScreenText.ascii(snap, BRACKET, 1, 28, 3, 15));
      cases.put("Ascii(0,0,0,0)", () -> ScreenText.ascii(snap, BRACKET, 0, 0, 0, 0));
      cases.put("Ascii(23,0,1,80)", () -> ScreenText.ascii(snap, BRACKET, 23, 0, 1, 80));
      cases.put("Ascii(30)", () -> ScreenText.ascii(snap, BRACKET, 30));
      cases.put("Ascii1(2,1,20)", () -> ScreenText.ascii1(snap, BRACKET, 2, 1, 20));
      cases.put("Ascii1(2,31,2,20)", () -> ScreenText.ascii1(snap, BRACKET, 2, 31, 2, 20));
      cases.put("Ebcdic(1,0,20)", () -> ScreenText.ebcdic(snap, 1, 0, 20));
      cases.put("Ebcdic(1,38,2,12)", () -> ScreenText.ebcdic(snap, 1, 38, 2, 12));
      cases.put("Ebcdic(3,0,10)", () -> ScreenText.ebcdic(snap, 3, 0, 10));
      cases.put("Ebcdic()", () -> ScreenText.ebcdic(snap));
      for (Map.Entry<String, Supplier<List<String>>> c : cases.entrySet()) {
        S3270.Reply r = s3270.runOk(c.getKey());
        assertThat(c.getValue().get()).as(c.getKey()).isEqualTo(r.data());
      }
      for (String bad :
          List.of("Ascii(23,79,2)", "Ascii(0,0,25,1)", "Ascii(0,75,1,6)", "Ascii(2000)")) {
        assertThat(s3270.run(bad).ok()).as(bad).isFalse();
      }
      assertThatThrownBy(() -> ScreenText.ascii(snap, BRACKET, 23, 79, 2))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ScreenText.ascii(snap, BRACKET, 0, 0, 25, 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ScreenText.ascii(snap, BRACKET, 0, 75, 1, 6))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> ScreenText.ascii(snap, BRACKET, 2000))
          .isInstanceOf(IllegalArgumentException.class);

      // The field under the cursor, at several places: in a field, on an attribute, in the
      // non-display field, in the field that runs to the end of the screen.
      int[][] cursors = {{1, 8}, {1, 6}, {1, 44}, {2, 75}, {3, 0}, {23, 75}, {10, 10}, {0, 0}};
      for (int[] at : cursors) {
        s3270.runOk("MoveCursor(" + at[0] + "," + at[1] + ")");
        ScreenSnapshot moved = script.snapshotWithCursor(at[0], at[1]);
        assertThat(ScreenText.asciiField(moved, BRACKET))
            .as("AsciiField at %d,%d", at[0], at[1])
            .isEqualTo(s3270.runOk("AsciiField()").data());
        assertThat(ScreenText.ebcdicField(moved))
            .as("EbcdicField at %d,%d", at[0], at[1])
            .isEqualTo(s3270.runOk("EbcdicField()").data());
      }
    }
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
