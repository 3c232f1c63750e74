package dev.console3270.protocol.keyboard;

import static dev.console3270.protocol.keyboard.Fixture.PROT;
import static dev.console3270.protocol.keyboard.Fixture.UNPROT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.Aid;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Blank fill, on by default in x3270 4.x. The expected Read Modified bytes were recorded from s3270
 * 4.1 (Debian) connected to a test host that sent the same screen and received the Enter.
 */
class KeyboardBlankFillTest {

  private static String readModified(Fixture f) {
    return HexFormat.of().formatHex(MiniHost.readModified(f.state, Aid.ENTER));
  }

  @Test
  void blankFillIsOnByDefault() {
    Fixture f = new Fixture();
    assertThat(f.kb.blankFill()).isTrue();
    assertThat(f.kb.underscoreBlankFill()).isTrue();
  }

  @Test
  void typingPastNullsTurnsThemIntoBlanks() {
    Fixture f = new Fixture().field(10, UNPROT).field(30, UNPROT).cursor(15);

    f.kb.key('a');

    assertThat(f.read(10, 7)).isEqualTo("|    a.");
    // s3270 4.1: Enter(1,17) SBA(1,12) '    a'
    assertThat(readModified(f)).isEqualTo("7d405011404b4040404081");
  }

  @Test
  void blankFillStopsBeforeARowWhosePartOfTheFieldIsAllNulls() {
    Fixture f = new Fixture().field(70, UNPROT).field(250, PROT).cursor(200);

    f.kb.key('b');

    assertThat(f.read(160, 41)).isEqualTo(" ".repeat(40) + "b");
    assertThat(f.read(71, 89)).isEqualTo(".".repeat(89));
    assertThat(readModified(f)).isEqualTo("7dc3c911c1c7" + "40".repeat(40) + "82");
  }

  @Test
  void blankFillCrossesRowsThatHoldData() {
    Fixture f = new Fixture().field(70, UNPROT).field(250, PROT).text(100, "x").cursor(200);

    f.kb.key('b');

    // row 2 and row 1 (which holds the x) fill; row 0's part of the field is all nulls (as s3270)
    assertThat(f.read(71, 130))
        .isEqualTo(".".repeat(9) + " ".repeat(20) + "x" + " ".repeat(99) + "b");
  }

  @Test
  void withoutBlankFillNullsStay() {
    Fixture f = new Fixture().field(10, UNPROT).field(30, UNPROT).cursor(15);
    f.kb.setBlankFill(false);

    f.kb.key('a');

    assertThat(f.read(10, 7)).isEqualTo("|....a.");
  }

  @Test
  void insertModeUsesTrailingBlanksAsRoomAndDropsOne() {
    Fixture f = new Fixture().field(10, UNPROT).text(12, "ab  ").field(16, PROT).cursor(12);
    f.kb.insert();

    assertThat(f.kb.key('X').success()).isTrue();

    assertThat(f.read(10, 7)).isEqualTo("| Xab |");
    // s3270 4.1: Enter(1,14) SBA(1,12) ' Xab '
    assertThat(readModified(f)).isEqualTo("7d404d11404b40e7818240");
  }

  @Test
  void trailingUnderscoresAreRoomOnlyWithUnderscoreBlankFill() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "ab__").field(15, PROT).cursor(11);
    f.kb.insert();
    f.kb.setUnderscoreBlankFill(false);
    assertThat(f.kb.key('X')).isEqualTo(new KeyResult.Failed(Failure.OVERFLOW));

    f.kb.reset();
    f.kb.insert();
    f.kb.setUnderscoreBlankFill(true);
    assertThat(f.kb.key('X').success()).isTrue();
    assertThat(f.read(10, 6)).isEqualTo("|Xab_|");
  }

  @Test
  void insertModeStillOverflowsWhenTheFieldEndsInData() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "a  b").field(15, PROT).cursor(11);
    f.kb.insert();

    assertThat(f.kb.key('X')).isEqualTo(new KeyResult.Failed(Failure.OVERFLOW));
    assertThat(f.read(10, 6)).isEqualTo("|a  b|");
  }

  @Test
  void insertModeFindsANullAfterTrailingBlanksFirst() {
    // x3270 4.3 shifts up to the first null; (s3270 4.1 consumed the blank run instead)
    Fixture f = new Fixture().field(30, UNPROT).text(31, "ab_").field(35, PROT).cursor(31);
    f.kb.insert();

    f.kb.key('X');

    assertThat(f.read(30, 6)).isEqualTo("|Xab_|");
  }
}
