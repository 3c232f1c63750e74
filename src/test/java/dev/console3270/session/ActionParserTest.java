package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The x3270 action syntax; error texts and columns are s3270 4.1's for the same input. */
class ActionParserTest {

  private static List<ActionCall> calls(String line) {
    ActionParser.Parsed p = ActionParser.parse(line);
    assertThat(p.error()).as(line).isNull();
    return p.calls();
  }

  @Test
  void parenthesisedFormWithSeveralActionsPerLine() {
    assertThat(calls("Tab() Tab() Query(Cursor)"))
        .containsExactly(
            ActionCall.of("Tab"), ActionCall.of("Tab"), ActionCall.of("Query", "Cursor"));
    assertThat(calls("MoveCursor( 1 , 2 )")).containsExactly(ActionCall.of("MoveCursor", "1", "2"));
    assertThat(calls("ascii  (0,0,4)")).containsExactly(ActionCall.of("ascii", "0", "0", "4"));
    assertThat(calls("Ascii()  junk"))
        .containsExactly(ActionCall.of("Ascii"), ActionCall.of("junk"));
  }

  @Test
  void blankSeparatedFormTakesTheRestOfTheLine() {
    assertThat(calls("Tab Tab Tab")).containsExactly(ActionCall.of("Tab", "Tab", "Tab"));
    assertThat(calls("String \"x y\" z")).containsExactly(ActionCall.of("String", "x y", "z"));
    assertThat(calls("Enter")).containsExactly(ActionCall.of("Enter"));
    assertThat(calls("  Wait 5 Output  ")).containsExactly(ActionCall.of("Wait", "5", "Output"));
  }

  @Test
  void quotedStringsKeepBackslashesExceptBeforeAQuote() {
    assertThat(calls("String(\"a\\\\b\\\"c\\nd\")"))
        .containsExactly(ActionCall.of("String", "a\\\\b\"c\\nd"));
    assertThat(calls("String(\"a,b)c\")")).containsExactly(ActionCall.of("String", "a,b)c"));
    assertThat(calls("String(\"\")")).containsExactly(ActionCall.of("String", ""));
    assertThat(calls("String(\\x)")).containsExactly(ActionCall.of("String", "\\x"));
  }

  @Test
  void namesAreAlphanumericAndMatchCaseInsensitively() {
    assertThat(calls("1abc()")).containsExactly(ActionCall.of("1abc"));
    assertThat(calls("move-cursor_1()").get(0).name()).isEqualTo("move-cursor_1");
    assertThat(ActionCall.of("EraseEOF").key()).isEqualTo("eraseeof");
  }

  @Test
  void emptyLineIsNoAction() {
    assertThat(calls("")).isEmpty();
    assertThat(calls("   ")).isEmpty();
    assertThat(ActionParser.parse(null).calls()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Ascii(1|Syntax error: \")\" expected at column 8",
        "Ascii(\"abc|Syntax error: unclosed \" at column 11",
        "(foo)|Action name must begin with an alphanumeric character at column 1",
        "String(\"a\" \"b\")|Syntax error: \")\" or \",\" expected at column 12",
        "String(a b)|Syntax error: \")\" or \",\" expected at column 10",
        "String(a,\"b)|Syntax error: unclosed \" at column 13",
        "Ascii(0,0,1);Ascii(0,0,1)|Action name must begin with an alphanumeric character at column 1",
      })
  void syntaxErrorsAsS3270WordsThem(String line, String message) {
    ActionParser.Parsed p = ActionParser.parse(line);
    assertThat(p.error()).isEqualTo(message);
  }

  @Test
  void actionsBeforeAnErrorAreKept() {
    ActionParser.Parsed p = ActionParser.parse("Ascii(1))");
    assertThat(p.calls()).containsExactly(ActionCall.of("Ascii", "1"));
    assertThat(p.ok()).isFalse();
    assertThat(p.error())
        .isEqualTo("Action name must begin with an alphanumeric character at column 1");
  }

  @Test
  void parseOne() {
    assertThat(ActionParser.parseOne("PF(3)")).isEqualTo(ActionCall.of("PF", "3"));
    assertThatThrownBy(() -> ActionParser.parseOne("PF(3"))
        .hasMessage("Syntax error: \")\" expected at column 5");
    assertThatThrownBy(() -> ActionParser.parseOne("Tab() Tab()"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringWritesParsableActions() {
    ActionCall c = ActionCall.of("String", "a \"b\", c", "plain");
    assertThat(c.toString()).isEqualTo("String(\"a \\\"b\\\", c\",plain)");
    assertThat(ActionParser.parseOne(c.toString())).isEqualTo(c);
  }
}
