package dev.console3270.session;

import static dev.console3270.session.HostWrite.CP;
import static dev.console3270.session.HostWrite.HIDDEN;
import static dev.console3270.session.HostWrite.PROT;
import static dev.console3270.session.HostWrite.PROT_BRIGHT;
import static dev.console3270.session.HostWrite.UNPROT;
import static dev.console3270.session.HostWrite.UNPROT_BRIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.keyboard.ConnectionPhase;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenSnapshot;
import dev.console3270.protocol.screen.ScreenText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Exports of a screen a host wrote through the real data stream code, with a password typed. */
class ScreenExportTest {

  private static final String PASSWORD = "s3cr&t<P>";

  private static final Pattern SPAN = Pattern.compile("<span style=\"([^\"]*)\">([^<]*)</span>");

  /**
   * Row 0: intensified protected title with HTML specials. Row 1: a protected label and an input
   * field holding "alice". Row 2: a label and a non-display field with a typed password. Row 3: a
   * yellow reverse-video protected field. Row 4: underscored characters (Set Attribute) in a plain
   * field. Row 5: a field with a blue background; row 6: an intensified input field.
   */
  private static ScreenSnapshot screen() {
    HostWrite w = new HostWrite();
    w.at(0, 0).field(PROT_BRIGHT).text("TITLE <&> \"q\" 'x'");
    w.at(1, 0).field(PROT).text("User").at(1, 9).field(UNPROT).text("alice").at(1, 30).field(PROT);
    w.at(2, 0).field(PROT).text("Pass").at(2, 9).field(HIDDEN).cursor().at(2, 30).field(PROT);
    w.at(3, 0)
        .fieldExtended(
            PROT,
            Attributes.TYPE_HIGHLIGHT,
            Attributes.HL_REVERSE,
            Attributes.TYPE_FOREGROUND,
            0xf6)
        .text("REV")
        .at(3, 10)
        .field(PROT);
    w.at(4, 0)
        .field(PROT)
        .text("plain ")
        .setAttribute(Attributes.TYPE_HIGHLIGHT, Attributes.HL_UNDERSCORE)
        .text("under")
        .setAttribute(Attributes.TYPE_HIGHLIGHT, 0)
        .text(" end");
    w.at(5, 0).fieldExtended(PROT, Attributes.TYPE_BACKGROUND, 0xf1).text("BG");
    w.at(6, 0).field(PROT).at(6, 9).field(UNPROT_BRIGHT).text("bright").at(6, 30).field(PROT);
    TerminalState state = w.apply();
    Keyboard kb = new Keyboard(state);
    kb.setPhase(ConnectionPhase.TN3270);
    assertThat(kb.type(PASSWORD).success()).isTrue();
    ScreenSnapshot s = state.screen().snapshot();
    // the password really is in the buffer, in a non-display field
    assertThat(s.fieldAttributeAt(2 * 80 + 10).isNonDisplay()).isTrue();
    assertThat(CP.display(s.charAt(2 * 80 + 10))).isEqualTo('s');
    return s;
  }

  @Test
  void textIsTheAsciiRowsEachEndedByANewline() {
    ScreenSnapshot s = screen();

    String text = ScreenExport.text(s, CP);

    assertThat(text).isEqualTo(String.join("\n", ScreenText.ascii(s, CP)) + "\n");
    assertThat(text.split("\n", -1)).hasSize(25);
    assertThat(text.lines().toList().get(0)).startsWith(" TITLE <&> \"q\" 'x'");
    assertThat(text.lines().toList().get(1)).isEqualTo(pad(" User     alice"));
    assertThat(text).doesNotContain("s3cr").doesNotContain("<P>");
    assertThat(text.lines().toList().get(2)).isEqualTo(pad(" Pass"));
  }

  @Test
  void htmlIsAStandalonePageWithEscapedTitleAndText() {
    String html = ScreenExport.html(screen(), CP, "Screen <1> & \"you\"");

    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
    assertThat(html).contains("<meta charset=\"utf-8\">");
    assertThat(html).contains("<title>Screen &lt;1&gt; &amp; &quot;you&quot;</title>");
    assertThat(html).contains("background-color: #000000");
    assertThat(html).contains("<pre>").endsWith("</pre>\n</body>\n</html>\n");
    assertThat(html).contains("TITLE &lt;&amp;&gt; &quot;q&quot; &#39;x&#39;");
    assertThat(html).doesNotContain("s3cr").doesNotContain("&lt;P&gt;");
    assertThat(ScreenExport.html(screen(), CP, null)).contains("<title></title>");
  }

  @Test
  void htmlTextIsExactlyTheScreenText() {
    ScreenSnapshot s = screen();
    String html = ScreenExport.html(s, CP, "t");
    String pre = html.substring(html.indexOf("<pre>") + 5, html.indexOf("</pre>"));
    String text = unescape(pre.replaceAll("<[^>]*>", ""));

    assertThat(text.split("\n", -1)).containsExactlyElementsOf(ScreenText.ascii(s, CP));
  }

  @Test
  void htmlColoursFollowThePalette() {
    ScreenSnapshot s = screen();
    List<String[]> spans = spans(ScreenExport.html(s, CP, "t"));

    FieldAttribute brightProtected = new FieldAttribute(PROT_BRIGHT);
    assertThat(styleOf(spans, "TITLE"))
        .isEqualTo("color:" + ScreenPalette.foreground(0, brightProtected))
        .isEqualTo("color:#f2f2f2");
    assertThat(styleOf(spans, "User")).isEqualTo("color:#5591ff");
    assertThat(styleOf(spans, "alice")).isEqualTo("color:#33ff33");
    assertThat(styleOf(spans, "bright")).isEqualTo("color:#ff2e2e");
    // reverse video: the field's yellow becomes the background, the text is black
    assertThat(styleOf(spans, "REV")).isEqualTo("color:#000000;background-color:#ffff33");
    assertThat(styleOf(spans, "under"))
        .isEqualTo("color:#5591ff;text-decoration:underline")
        .doesNotContain("plain");
    assertThat(textOf(spans, "under")).isEqualTo("under");
    assertThat(styleOf(spans, "BG")).isEqualTo("color:#5591ff;background-color:#5591ff");
  }

  @Test
  void aRunOfCellsThatLookTheSameIsOneSpan() {
    List<String[]> spans = spans(ScreenExport.html(screen(), CP, "t"));
    // row 1: " User    " (protected, blue), then "alice" and the rest of the input field
    assertThat(textOf(spans, "User")).isEqualTo(" User    ");
    assertThat(textOf(spans, "alice")).startsWith(" alice").hasSize(21);
    // an empty row is one span
    long blankRows = spans.stream().filter(sp -> sp[1].equals(" ".repeat(80))).count();
    assertThat(blankRows).isGreaterThan(10);
  }

  @Test
  void rectangleTrimsClampsAndTakesCornersInAnyOrder() {
    ScreenSnapshot s = screen();

    assertThat(ScreenExport.rectangle(s, CP, 0, 0, 1, 79))
        .isEqualTo(" TITLE <&> \"q\" 'x'\n User     alice");
    assertThat(ScreenExport.rectangle(s, CP, 1, 200, -5, 0))
        .isEqualTo(ScreenExport.rectangle(s, CP, 0, 0, 1, 79));
    assertThat(ScreenExport.rectangle(s, CP, 1, 12, 1, 10)).isEqualTo("ali");
    assertThat(ScreenExport.rectangle(s, CP, 4, 7, 4, 11)).isEqualTo("under");
    assertThat(ScreenExport.rectangle(s, CP, 7, 5, 8, 9)).isEqualTo("\n");
    assertThat(ScreenExport.rectangle(s, CP, 30, 90, 30, 90)).isEmpty();
  }

  @Test
  void rectangleOverAPasswordFieldIsBlank() {
    ScreenSnapshot s = screen();

    assertThat(ScreenExport.rectangle(s, CP, 2, 0, 2, 79)).isEqualTo(" Pass");
    assertThat(ScreenExport.rectangle(s, CP, 2, 10, 2, 20)).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  private static String pad(String s) {
    return s + " ".repeat(80 - s.length());
  }

  private static List<String[]> spans(String html) {
    List<String[]> out = new ArrayList<>();
    Matcher m = SPAN.matcher(html);
    while (m.find()) {
      out.add(new String[] {m.group(1), unescape(m.group(2))});
    }
    return out;
  }

  private static String styleOf(List<String[]> spans, String text) {
    return spans.stream().filter(sp -> sp[1].contains(text)).findFirst().orElseThrow()[0];
  }

  private static String textOf(List<String[]> spans, String text) {
    return spans.stream().filter(sp -> sp[1].contains(text)).findFirst().orElseThrow()[1];
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  /** Row 0: a grouped card number; row 1: one that wraps from the end of the row to the next. */
  private static ScreenSnapshot cardScreen() {
    HostWrite w = new HostWrite();
    w.at(0, 0).field(PROT).text("Card 4111 1111 1111 1111 bad 4111111111111112");
    w.at(1, 70).text("5555555555");
    w.at(2, 0).text("554444 end");
    return w.apply().screen().snapshot();
  }

  @Test
  void cardNumbersAreMaskedInEveryExportUnlessTurnedOff() {
    ScreenSnapshot s = cardScreen();
    String text = ScreenExport.text(s, CP);
    assertThat(text)
        .contains("Card 4111 11** **** 1111 bad 4111111111111112")
        .contains("555555****\n**4444 end")
        .doesNotContain("4111 1111 1111 1111");
    String html = ScreenExport.html(s, CP, "export of 4111111111111111");
    assertThat(html)
        .contains("4111 11** **** 1111")
        .contains("<title>export of 411111******1111</title>")
        .doesNotContain("4111 1111 1111 1111");
    assertThat(ScreenExport.rectangle(s, CP, 0, 0, 0, 29))
        .isEqualTo(" Card 4111 11** **** 1111 bad");
    // A rectangle over part of a number shows what the full screen shows masked.
    assertThat(ScreenExport.rectangle(s, CP, 0, 11, 0, 24)).isEqualTo("11** **** 1111");
    assertThat(ScreenExport.rectangle(s, CP, 2, 0, 2, 5)).isEqualTo("**4444");

    assertThat(ScreenExport.text(s, CP, false)).contains("Card 4111 1111 1111 1111");
    assertThat(ScreenExport.html(s, CP, "t", false)).contains("4111 1111 1111 1111");
    assertThat(ScreenExport.rectangle(s, CP, 0, 0, 0, 30, false)).contains("4111 1111 1111 1111");
  }
}
