package dev.console3270.protocol.keyboard;

import static dev.console3270.protocol.keyboard.Fixture.PROT;
import static dev.console3270.protocol.keyboard.Fixture.SKIP;
import static dev.console3270.protocol.keyboard.Fixture.UNPROT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.LockReason;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeyboardMovementTest {

  /** Three unprotected fields (data 101-109, 201-209, 1901-1919 and 0-49) among protected ones. */
  private static Fixture threeFields() {
    return new Fixture()
        .field(50, PROT)
        .field(100, UNPROT)
        .field(110, PROT)
        .field(200, UNPROT)
        .field(210, SKIP)
        .field(1900, UNPROT);
  }

  @Test
  void tabGoesToTheNextUnprotectedFieldsFirstDataPosition() {
    Fixture f = threeFields().cursor(105);

    f.kb.tab();
    assertThat(f.screen.cursor()).isEqualTo(201);
    f.kb.tab();
    assertThat(f.screen.cursor()).isEqualTo(1901);
    f.kb.tab();
    assertThat(f.screen.cursor()).isEqualTo(101);
  }

  @Test
  void tabFromAProtectedFieldOrAnAttribute() {
    Fixture f = threeFields().cursor(60);
    f.kb.tab();
    assertThat(f.screen.cursor()).isEqualTo(101);
    // on an unprotected attribute itself: its own field
    f.screen.setCursor(200);
    f.kb.tab();
    assertThat(f.screen.cursor()).isEqualTo(201);
  }

  @Test
  void tabSkipsEmptyUnprotectedFields() {
    Fixture f = new Fixture().field(10, UNPROT).field(11, UNPROT).field(20, UNPROT).cursor(5);

    f.kb.tab();

    assertThat(f.screen.cursor()).isEqualTo(12);
  }

  @Test
  void tabOnAnUnformattedScreenOrWithNoUnprotectedFieldGoesTo0() {
    Fixture f = new Fixture().cursor(500);
    f.kb.tab();
    assertThat(f.screen.cursor()).isZero();

    Fixture g = new Fixture().field(10, PROT).cursor(500);
    g.kb.tab();
    assertThat(g.screen.cursor()).isZero();
  }

  @Test
  void backTabGoesToTheStartOfThisFieldThenThePreviousOne() {
    Fixture f = threeFields().cursor(205);

    f.kb.backTab();
    assertThat(f.screen.cursor()).isEqualTo(201);
    f.kb.backTab();
    assertThat(f.screen.cursor()).isEqualTo(101);
    f.kb.backTab();
    assertThat(f.screen.cursor()).isEqualTo(1901);
    f.kb.backTab();
    assertThat(f.screen.cursor()).isEqualTo(201);
  }

  @Test
  void backTabFromTheWrappedPartOfAFieldGoesToItsStart() {
    Fixture f = threeFields().cursor(20);

    f.kb.backTab();

    assertThat(f.screen.cursor()).isEqualTo(1901);
  }

  @Test
  void backTabOnAnUnformattedScreenGoesTo0() {
    Fixture f = new Fixture().cursor(700);
    f.kb.backTab();
    assertThat(f.screen.cursor()).isZero();
  }

  @Test
  void homeGoesToTheFirstUnprotectedField() {
    Fixture f = threeFields().cursor(1000);
    f.kb.home();
    assertThat(f.screen.cursor()).isEqualTo(101);

    Fixture g = new Fixture().field(0, UNPROT).cursor(1000);
    g.kb.home();
    assertThat(g.screen.cursor()).isEqualTo(1);

    Fixture u = new Fixture().cursor(1000);
    u.kb.home();
    assertThat(u.screen.cursor()).isZero();

    Fixture p = new Fixture().field(7, PROT).cursor(1000);
    p.kb.home();
    assertThat(p.screen.cursor()).isZero();
  }

  @Test
  void arrowsMoveAndWrap() {
    Fixture f = new Fixture().cursor(0);

    f.kb.left();
    assertThat(f.screen.cursor()).isEqualTo(1919);
    f.kb.right();
    assertThat(f.screen.cursor()).isZero();
    f.screen.setCursor(5);
    f.kb.up();
    assertThat(f.screen.cursor()).isEqualTo(23 * 80 + 5);
    f.kb.down();
    assertThat(f.screen.cursor()).isEqualTo(5);
    f.kb.down();
    assertThat(f.screen.cursor()).isEqualTo(85);
    f.kb.up();
    assertThat(f.screen.cursor()).isEqualTo(5);
    f.screen.setCursor(79);
    f.kb.right();
    assertThat(f.screen.cursor()).isEqualTo(80);
  }

  @Test
  void arrowsMoveIntoProtectedFieldsAndOntoAttributes() {
    Fixture f = new Fixture().field(10, PROT).cursor(9);
    f.kb.right();
    assertThat(f.screen.cursor()).isEqualTo(10);
    f.kb.right();
    assertThat(f.screen.cursor()).isEqualTo(11);
  }

  @Test
  void backSpaceMovesLeftWithoutErasing() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abc").cursor(13);

    assertThat(f.kb.backSpace().success()).isTrue();

    assertThat(f.screen.cursor()).isEqualTo(12);
    assertThat(f.read(11, 3)).isEqualTo("abc");
    assertThat(f.mdt(10)).isFalse();
    f.screen.setCursor(0);
    f.kb.backSpace();
    assertThat(f.screen.cursor()).isEqualTo(1919);
  }

  @Test
  void newlineGoesToTheNextRowsStartInsideAnUnprotectedField() {
    Fixture f = new Fixture().field(70, UNPROT).field(170, PROT).cursor(75);

    f.kb.newline();

    assertThat(f.screen.cursor()).isEqualTo(80);
  }

  @Test
  void newlineSkipsToTheNextUnprotectedFieldFromAProtectedRowStart() {
    Fixture f = new Fixture().field(70, PROT).field(330, UNPROT).cursor(75);

    f.kb.newline();

    assertThat(f.screen.cursor()).isEqualTo(331);
  }

  @Test
  void newlineOnAnAttributeAtTheRowStartGoesToThatFieldsData() {
    Fixture f = new Fixture().field(80, UNPROT).field(90, PROT).cursor(3);

    f.kb.newline();

    assertThat(f.screen.cursor()).isEqualTo(81);
  }

  @Test
  void newlineWrapsFromTheLastRowAndWorksUnformatted() {
    Fixture f = new Fixture().cursor(23 * 80 + 40);
    f.kb.newline();
    assertThat(f.screen.cursor()).isZero();
    f.screen.setCursor(85);
    f.kb.newline();
    assertThat(f.screen.cursor()).isEqualTo(160);
  }

  @Test
  void moveCursorTakesAnAddressOrRowAndColumn() {
    Fixture f = new Fixture();

    assertThat(f.kb.moveCursor(1919).success()).isTrue();
    assertThat(f.screen.cursor()).isEqualTo(1919);
    assertThat(f.kb.moveCursor(2, 3).success()).isTrue();
    assertThat(f.screen.cursor()).isEqualTo(163);
    assertThat(f.kb.moveCursor(1920)).isEqualTo(new KeyResult.Failed(Failure.INVALID_ARGUMENT));
    assertThat(f.kb.moveCursor(-1)).isEqualTo(new KeyResult.Failed(Failure.INVALID_ARGUMENT));
    assertThat(f.kb.moveCursor(24, 0)).isEqualTo(new KeyResult.Failed(Failure.INVALID_ARGUMENT));
    assertThat(f.kb.moveCursor(0, 80)).isEqualTo(new KeyResult.Failed(Failure.INVALID_ARGUMENT));
    assertThat(f.screen.cursor()).isEqualTo(163);
  }

  @Test
  void cursorKeysClearAnOperatorErrorAndMove() {
    for (Function<Keyboard, KeyResult> key :
        java.util.List.<Function<Keyboard, KeyResult>>of(
            Keyboard::tab,
            Keyboard::backTab,
            Keyboard::home,
            Keyboard::left,
            Keyboard::right,
            Keyboard::up,
            Keyboard::down)) {
      Fixture f = threeFields().cursor(60);
      f.kb.key('x');
      assertThat(f.state.primaryLockReason()).isEqualTo(LockReason.PROTECTED);

      assertThat(key.apply(f.kb).success()).isTrue();

      assertThat(f.state.isKeyboardLocked()).isFalse();
      assertThat(f.screen.cursor()).isNotEqualTo(60);
    }
  }

  @Test
  void cursorKeysAreRefusedWhileWaitingForTheHost() {
    for (Function<Keyboard, KeyResult> key :
        java.util.List.<Function<Keyboard, KeyResult>>of(
            Keyboard::tab,
            Keyboard::backTab,
            Keyboard::home,
            Keyboard::left,
            Keyboard::right,
            Keyboard::up,
            Keyboard::down,
            Keyboard::newline,
            Keyboard::backSpace,
            k -> k.moveCursor(5))) {
      Fixture f = threeFields().cursor(60);
      f.state.lock(LockReason.SYSTEM);
      f.state.lock(LockReason.PROTECTED);

      assertThat(key.apply(f.kb)).isEqualTo(new KeyResult.Failed(Failure.LOCKED));

      assertThat(f.screen.cursor()).isEqualTo(60);
      assertThat(f.state.lockReasons())
          .containsExactlyInAnyOrder(LockReason.SYSTEM, LockReason.PROTECTED);
    }
  }

  @Test
  void newlineBackSpaceAndMoveCursorAreRefusedEvenOnAnOperatorError() {
    // x3270 queues these (no OERR clear), and drops queued keys on an operator error
    for (Function<Keyboard, KeyResult> key :
        java.util.List.<Function<Keyboard, KeyResult>>of(
            Keyboard::newline, Keyboard::backSpace, k -> k.moveCursor(5))) {
      Fixture f = threeFields().cursor(60);
      f.kb.key('x');

      assertThat(key.apply(f.kb)).isEqualTo(new KeyResult.Failed(Failure.LOCKED));
      assertThat(f.screen.cursor()).isEqualTo(60);
    }
  }

  @Test
  void movementWorksOnTheAlternateSize() {
    Fixture f = new Fixture(dev.console3270.protocol.TerminalModel.of(5, true, true));
    f.screen.eraseAndSetSize(true);
    f.screen.setCursor(0);

    f.kb.up();
    assertThat(f.screen.cursor()).isEqualTo(26 * 132);
    f.kb.newline();
    assertThat(f.screen.cursor()).isZero();
    f.kb.left();
    assertThat(f.screen.cursor()).isEqualTo(27 * 132 - 1);
  }
}
