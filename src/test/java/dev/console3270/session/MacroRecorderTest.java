package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.host.DemoHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MacroRecorderTest {

  private static final String SECRET = "SECRET";

  /**
   * What the String action makes of the escapes the recorder writes ({@code \\}, {@code \"}, {@code
   * \}{@code uXXXX}); anything else the recorder should never write.
   */
  private static String typedBy(String stringArgument) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < stringArgument.length(); i++) {
      char c = stringArgument.charAt(i);
      if (c != '\\') {
        if (c == '\n') {
          throw new AssertionError("a raw line break is Enter: " + stringArgument);
        }
        sb.append(c);
        continue;
      }
      char e = stringArgument.charAt(++i);
      switch (e) {
        case '\\', '"' -> sb.append(e);
        case 'u' -> {
          sb.append((char) Integer.parseInt(stringArgument.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new AssertionError("unexpected escape \\" + e + " in " + stringArgument);
      }
    }
    return sb.toString();
  }

  @Test
  void consecutiveTypedTextIsOneStringAction() {
    MacroRecorder r = new MacroRecorder();
    assertThat(r.isEmpty()).isTrue();
    assertThat(r.script()).isEmpty();
    r.typed("ab", false);
    r.typed("", false);
    r.typed("c d", false);
    assertThat(r.isEmpty()).isFalse();
    assertThat(r.script()).isEqualTo("String(\"abc d\")\n");
    r.action(ActionCall.of("Enter"));
    r.typed("x", false);
    assertThat(r.script()).isEqualTo("String(\"abc d\")\nEnter()\nString(\"x\")\n");
  }

  @Test
  void actionsAreWrittenInX3270SyntaxOnePerLine() {
    MacroRecorder r = new MacroRecorder();
    r.action(ActionCall.of("PF", "3"));
    r.action(ActionCall.of("Tab"));
    r.action(ActionCall.of("MoveCursor1", "5", "10"));
    r.action(ActionCall.of("Key", "U+0041"));
    r.action(ActionCall.of("Wait", "5", "Output"));
    r.action(ActionCall.of("PrintText", "file", "C:\\my dir\\screen (1).txt"));
    r.action(ActionCall.of("Odd", "", "a,b", "say \"hi\"", "\"q", "x\u00a0y"));
    assertThat(r.script())
        .isEqualTo(
            "PF(3)\n"
                + "Tab()\n"
                + "MoveCursor1(5,10)\n"
                + "Key(U+0041)\n"
                + "Wait(5,Output)\n"
                + "PrintText(file,\"C:\\my dir\\screen (1).txt\")\n"
                + "Odd(\"\",\"a,b\",\"say \\\"hi\\\"\",\"\\\"q\",\"x\u00a0y\")\n");
    assertThat(MacroStore.parseScript(r.script()))
        .containsExactly(
            ActionCall.of("PF", "3"),
            ActionCall.of("Tab"),
            ActionCall.of("MoveCursor1", "5", "10"),
            ActionCall.of("Key", "U+0041"),
            ActionCall.of("Wait", "5", "Output"),
            ActionCall.of("PrintText", "file", "C:\\my dir\\screen (1).txt"),
            ActionCall.of("Odd", "", "a,b", "say \"hi\"", "\"q", "x\u00a0y"));
  }

  @Test
  void actionsThatCannotBeWrittenAreRefusedAndNothingIsRecorded() {
    MacroRecorder r = new MacroRecorder();
    r.typed("keep", false);
    assertThatThrownBy(() -> r.action(ActionCall.of("Wait", "a\nb")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
    assertThatThrownBy(() -> r.action(ActionCall.of("Bad name")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot record");
    // a quoted argument cannot end in a backslash: the parser would read \" as a quote
    assertThatThrownBy(() -> r.action(ActionCall.of("X", "a b\\")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(r.script()).isEqualTo("String(\"keep\")\n");
  }

  @Test
  void backslashesQuotesAndControlCharactersAreEscaped() {
    MacroRecorder r = new MacroRecorder();
    r.typed("a\"b\\n(c,d)\tz\n\u2028é", false);
    assertThat(r.script()).isEqualTo("String(\"a\\\"b\\\\n(c,d)\\u0009z\\u000a\\u2028é\")\n");
    assertThat(MacroRecorder.stringArgument("\\\"")).isEqualTo("\\\\\"");
  }

  @Test
  void nonDisplayInputIsNeverRecordedButLeavesOneCommentPerRun() {
    MacroRecorder r = new MacroRecorder();
    r.typed("USER1", false);
    r.action(ActionCall.of("Tab"));
    r.typed("sec", true);
    r.typed("ret", true);
    r.action(ActionCall.of("Enter"));
    r.typed("pin", true);
    r.typed("vis", false);
    r.typed("more", true);
    String script = r.script();
    assertThat(script)
        .isEqualTo(
            "String(\"USER1\")\n"
                + "Tab()\n"
                + MacroRecorder.NON_DISPLAY_COMMENT
                + "\n"
                + "Enter()\n"
                + MacroRecorder.NON_DISPLAY_COMMENT
                + "\n"
                + "String(\"vis\")\n"
                + MacroRecorder.NON_DISPLAY_COMMENT
                + "\n");
    assertThat(script).doesNotContain("sec").doesNotContain("ret").doesNotContain("pin");
    assertThat(MacroStore.parseScript(script))
        .containsExactly(
            ActionCall.of("String", "USER1"),
            ActionCall.of("Tab"),
            ActionCall.of("Enter"),
            ActionCall.of("String", "vis"));
  }

  @Test
  void clearForgetsEverything() {
    MacroRecorder r = new MacroRecorder();
    r.typed("secret", true);
    r.typed("a", false);
    r.action(ActionCall.of("Enter"));
    r.typed("b", false);
    r.clear();
    assertThat(r.isEmpty()).isTrue();
    assertThat(r.script()).isEmpty();
    r.typed("x", true);
    assertThat(r.script()).isEqualTo(MacroRecorder.NON_DISPLAY_COMMENT + "\n");
  }

  private static ActionResult ok(ActionInterpreter in, String line) {
    ActionResult r = in.execute(line);
    assertThat(r.success()).as(line + " -> " + r.data()).isTrue();
    return r;
  }

  @Test
  void aRecordedScriptTypesExactlyTheSameTextIntoASession() throws Exception {
    MacroRecorder r = new MacroRecorder();
    r.typed("\"\\", false);
    r.typed("',(é)", false);
    r.action(ActionCall.of("Tab"));
    r.typed("pa\\ss", true);
    String script = r.script();
    assertThat(script)
        .isEqualTo("String(\"\\\"\\\\',(é)\")\nTab()\n" + MacroRecorder.NON_DISPLAY_COMMENT + "\n");
    try (DemoHost host = DemoHost.start(0, "ALPHA");
        LoopbackSession session =
            new LoopbackSession(SessionProfile.of("127.0.0.1", host.port()))) {
      ActionInterpreter in = new ActionInterpreter(session);
      in.setAidTimeout(Duration.ofSeconds(10));
      ok(in, "Connect(127.0.0.1:" + host.port() + ")");
      ok(in, "Wait(10,InputField)");
      String[] userId = ok(in, "Query(Cursor)").data().get(0).split(" ");
      ActionResult run = in.execute(MacroStore.parseScript(script));
      assertThat(run.success()).as(run.data().toString()).isTrue();
      assertThat(ok(in, "Ascii(" + userId[0] + "," + userId[1] + ",8)").data())
          .containsExactly("\"\\',(é) ");
      // the cursor went on to the password field, which the macro left empty
      assertThat(ok(in, "Query(Cursor)").data().get(0)).isNotEqualTo(String.join(" ", userId));
      assertThat(ok(in, "EbcdicField()").data().get(0)).matches("00( 00)*");
      in.close();
    }
  }

  // ---------------------------------------------------------------- properties

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> tricky =
        Arbitraries.strings()
            .withChars("\"\\(),#= \t\n\r\u2028\u0085\u00a0")
            .withCharRange('a', 'e')
            .withCharRange('\u00e0', '\u00ff')
            .withCharRange('\u4e00', '\u4e08')
            .ofMaxLength(30);
    return Arbitraries.oneOf(tricky, Arbitraries.strings().all().ofMaxLength(30));
  }

  @Property(tries = 500)
  void typedTextParsesBackToAStringThatTypesExactlyIt(@ForAll("texts") String text) {
    MacroRecorder r = new MacroRecorder();
    r.typed(text, false);
    List<ActionCall> calls = MacroStore.parseScript(r.script());
    if (text.isEmpty()) {
      assertThat(calls).isEmpty();
      return;
    }
    assertThat(calls).containsExactly(ActionCall.of("String", MacroRecorder.stringArgument(text)));
    assertThat(typedBy(calls.get(0).args().get(0))).isEqualTo(text);
    assertThat(r.script().split("\n", -1)).hasSize(2); // one line and its line end
  }

  /** A step the operator takes: typed text (display or not) or another action. */
  private record Step(String text, boolean nonDisplay, ActionCall action) {}

  @Provide
  Arbitrary<List<Step>> sessions() {
    Arbitrary<String> argText =
        Arbitraries.strings()
            .withChars("\"(),# \t\u00a0")
            .withCharRange('a', 'c')
            .withCharRange('0', '3')
            .withCharRange('\u00e0', '\u00e4')
            .ofMaxLength(8);
    Arbitrary<ActionCall> actions =
        Combinators.combine(
                Arbitraries.of("Enter", "PF", "Tab", "MoveCursor1", "Key", "Wait", "PA"),
                argText.list().ofMaxSize(3))
            .as(ActionCall::new);
    // what goes into a non-display field is marked, to show it never reaches the script
    Arbitrary<Step> typed =
        Combinators.combine(texts(), Arbitraries.of(true, false))
            .as((t, nd) -> new Step(nd ? SECRET + t : t, nd, null));
    Arbitrary<Step> action = actions.map(a -> new Step(null, false, a));
    return Arbitraries.oneOf(typed, action).list().ofMaxSize(12);
  }

  @Property(tries = 300)
  void aRecordedSessionParsesBackToTheSameActions(@ForAll("sessions") List<Step> steps) {
    MacroRecorder r = new MacroRecorder();
    List<ActionCall> expected = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (Step s : steps) {
      if (s.action() != null) {
        r.action(s.action());
      } else {
        r.typed(s.text(), s.nonDisplay());
      }
      boolean endsTyping = s.action() != null || (s.nonDisplay() && !s.text().isEmpty());
      if (endsTyping && pending.length() > 0) {
        expected.add(ActionCall.of("String", MacroRecorder.stringArgument(pending.toString())));
        pending.setLength(0);
      }
      if (s.action() != null) {
        expected.add(s.action());
      } else if (!s.nonDisplay()) {
        pending.append(s.text());
      }
    }
    if (pending.length() > 0) {
      expected.add(ActionCall.of("String", MacroRecorder.stringArgument(pending.toString())));
    }
    assertThat(MacroStore.parseScript(r.script())).isEqualTo(expected);
    assertThat(r.script()).doesNotContain(SECRET);
  }

  @Property(tries = 300)
  void anyActionIsEitherRefusedOrParsesBackTheSame(
      @ForAll("texts") String a, @ForAll("texts") String b) {
    ActionCall call = ActionCall.of("Act", a, b);
    MacroRecorder r = new MacroRecorder();
    try {
      r.action(call);
    } catch (IllegalArgumentException e) {
      assertThat(r.isEmpty()).isTrue();
      assertThat(a + b).containsAnyOf("\n", "\r", "\\");
      return;
    }
    assertThat(MacroStore.parseScript(r.script())).containsExactly(call);
  }
}
