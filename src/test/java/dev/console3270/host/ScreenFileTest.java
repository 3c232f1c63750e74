package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.screen.Color;
import dev.console3270.protocol.screen.Highlight;
import org.junit.jupiter.api.Test;

class ScreenFileTest {

  private static final String SAMPLE =
      String.join(
          "\n",
          "# a comment",
          "@title Sample",
          "@cursor user",
          "@field user color=green highlight=underscore",
          "@field pass nondisplay",
          "@field amount numeric intensified",
          "@body",
          " Title <red,reverse>Alert</> done",
          " User [user    ] Pass [pass  ]",
          "{msg                }",
          " Amt [amount] a \\[literal\\] and > too",
          "");

  @Test
  void parsesDirectivesFieldsAndRuns() {
    ScreenDefinition s = ScreenFile.parse("sample", SAMPLE);
    assertThat(s.title()).isEqualTo("Sample");
    assertThat(s.alternate()).isFalse();
    assertThat(s.rows()).isEqualTo(24);
    assertThat(s.columns()).isEqualTo(80);
    assertThat(s.cursorField()).isEqualTo("user");
    assertThat(s.lines()).hasSize(24);

    assertThat(s.lines().get(0).runs())
        .containsExactly(
            new ScreenDefinition.Run(0, " Title ", Style.PLAIN),
            new ScreenDefinition.Run(7, "Alert", new Style(Color.RED, Highlight.REVERSE)),
            new ScreenDefinition.Run(12, " done", Style.PLAIN));

    FieldDefinition user = s.field("user").orElseThrow();
    assertThat(user)
        .isEqualTo(
            new FieldDefinition(
                "user",
                true,
                1,
                6,
                8,
                false,
                false,
                false,
                new Style(Color.GREEN, Highlight.UNDERSCORE)));
    assertThat(user.attribute()).isEqualTo(0x00);

    FieldDefinition pass = s.field("pass").orElseThrow();
    assertThat(pass.column()).isEqualTo(22);
    assertThat(pass.length()).isEqualTo(6);
    assertThat(pass.attribute()).isEqualTo(0x0c);

    FieldDefinition msg = s.field("msg").orElseThrow();
    assertThat(msg.input()).isFalse();
    assertThat(msg.row()).isEqualTo(2);
    assertThat(msg.column()).isZero();
    assertThat(msg.length()).isEqualTo(19);
    assertThat(msg.attribute()).isEqualTo(0x20);

    FieldDefinition amount = s.field("amount").orElseThrow();
    assertThat(amount.attribute()).isEqualTo(0x18);

    // the text between fields, with escapes and a lone '>'
    assertThat(s.lines().get(3).runs())
        .extracting(ScreenDefinition.Run::text)
        .containsExactly(" Amt ", " a [literal] and > too");
    assertThat(s.lines().get(1).runs())
        .extracting(ScreenDefinition.Run::column)
        .containsExactly(0, 16);
  }

  @Test
  void alternateScreensAre27By132() {
    ScreenDefinition s = ScreenFile.parse("wide", "@alternate\n@body\n " + "x".repeat(131) + "\n");
    assertThat(s.alternate()).isTrue();
    assertThat(s.rows()).isEqualTo(27);
    assertThat(s.columns()).isEqualTo(132);
    assertThat(s.lines().get(0).runs().get(0).text()).hasSize(132);
  }

  @Test
  void everyShippedScreenLoads() {
    DemoContent c = DemoContent.load();
    assertThat(c.screens().keySet()).containsExactlyInAnyOrderElementsOf(DemoContent.SCREEN_NAMES);
    assertThat(c.screen("signon").field("password").orElseThrow().nonDisplay()).isTrue();
    assertThat(c.screen("entry").field("custno").orElseThrow().numeric()).isTrue();
    assertThat(c.screen("wide").alternate()).isTrue();
    assertThat(c.customers()).hasSize(25);
  }

  private static void rejects(String body, String message) {
    assertThatThrownBy(() -> ScreenFile.parse("bad", body))
        .isInstanceOf(ScreenFileException.class)
        .hasMessageContaining(message);
  }

  @Test
  void malformedFilesAreRejectedWithFileAndLine() {
    rejects("@body\n [a  \n", "bad.screen:2: '[' without ']'");
    rejects("@body\n x ] y\n", "bad.screen:2: unexpected ']'");
    rejects("@body\n <purple>x\n", "unknown style <purple>");
    rejects("@body\n <red x\n", "'<' without '>'");
    rejects("@body\nX\n", "row 1 column 1");
    rejects("@body\n " + "x".repeat(80) + "\n", "longer than 80 columns");
    rejects("@body\n" + " x\n".repeat(25), "more than 24 rows");
    rejects("@body\n [a][a]\n", "field a already on line 2");
    rejects("@body\n [ ]\n", "must start with its name");
    rejects("@body\n [a x]\n", "only blanks, dots or underscores");
    rejects("@field b numeric\n@body\n [a]\n", "bad.screen:1: @field b is not in the body");
    rejects("@field a sparkly\n@body\n [a]\n", "unknown field option sparkly");
    rejects("@cursor m\n@body\n {m}\n", "@cursor m is not an input field");
    rejects("@size 5\n@body\n", "unknown directive @size");
    rejects("hello\n@body\n", "expected a directive");
    rejects("@title x\n", "no @body line");
    rejects("@body\n " + "x".repeat(70) + "[abc      ]\n", "field runs past column 80");
  }

  @Test
  void missingScreenFileIsReported() {
    assertThatThrownBy(() -> ScreenFile.load("no-such-screen"))
        .isInstanceOf(ScreenFileException.class)
        .hasMessageContaining("/demo-host/no-such-screen.screen");
  }
}
