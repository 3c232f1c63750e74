package dev.console3270.protocol.keyboard;

import static dev.console3270.protocol.keyboard.Fixture.PROT;
import static dev.console3270.protocol.keyboard.Fixture.UNPROT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.LockReason;
import org.junit.jupiter.api.Test;

class KeyboardEditingTest {

  @Test
  void eraseEofNullsToTheEndOfTheFieldAndSetsTheMdt() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abcdef").field(17, PROT).cursor(13);
    f.text(18, "keep");

    assertThat(f.kb.eraseEof().success()).isTrue();

    assertThat(f.read(10, 12)).isEqualTo("|ab....|keep");
    assertThat(f.mdt(10)).isTrue();
    assertThat(f.screen.cursor()).isEqualTo(13);
  }

  @Test
  void eraseEofInAFieldThatWrapsAroundTheEnd() {
    Fixture f = new Fixture().field(1915, UNPROT).text(1916, "abcdefgh").field(5, PROT);
    f.cursor(1918);

    f.kb.eraseEof();

    assertThat(f.read(1915, 11)).isEqualTo("|ab.......|");
  }

  @Test
  void eraseEofOnAProtectedPositionLocksXProt() {
    Fixture f = new Fixture().field(10, PROT).text(11, "abc").cursor(11);

    assertThat(f.kb.eraseEof()).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));
    assertThat(f.read(11, 3)).isEqualTo("abc");
    assertThat(f.state.primaryLockReason()).isEqualTo(LockReason.PROTECTED);
  }

  @Test
  void eraseEofOnAnUnformattedScreenErasesToTheEndOfTheScreen() {
    Fixture f = new Fixture().text(0, "abc").text(1900, "xyz").text(1917, "tai").cursor(1);

    f.kb.eraseEof();

    assertThat(f.read(0, 3)).isEqualTo("a..");
    assertThat(f.read(1900, 3)).isEqualTo("...");
    assertThat(f.read(1917, 3)).isEqualTo("...");
    assertThat(f.screen.charAt(1)).isZero();
  }

  @Test
  void eraseInputNullsUnprotectedFieldsResetsTheirMdtsAndHomesTheCursor() {
    Fixture f =
        new Fixture()
            .field(5, PROT)
            .text(6, "label")
            .field(20, UNPROT | 0x01)
            .text(21, "abc")
            .field(30, PROT | 0x01)
            .text(31, "prot")
            .field(1910, UNPROT | 0x01)
            .text(1911, "wrapping")
            .cursor(33);

    assertThat(f.kb.eraseInput().success()).isTrue();

    assertThat(f.read(5, 6)).isEqualTo("|label");
    assertThat(f.read(20, 4)).isEqualTo("|...");
    assertThat(f.read(30, 5)).isEqualTo("|prot");
    assertThat(f.read(1910, 15)).isEqualTo("|..............");
    assertThat(f.read(0, 6)).isEqualTo(".....|");
    assertThat(f.mdt(20)).isFalse();
    assertThat(f.mdt(1910)).isFalse();
    assertThat(f.mdt(30)).isTrue();
    assertThat(f.screen.cursor()).isEqualTo(21);
  }

  @Test
  void eraseInputHomesToTheFirstUnprotectedFieldEvenAnEmptyOne() {
    // x3270 (and s3270 4.1) put the cursor after the first unprotected attribute, here on the
    // next field's attribute
    Fixture f = new Fixture().field(10, UNPROT).field(11, UNPROT).text(12, "abc").field(20, PROT);
    f.cursor(500);

    f.kb.eraseInput();

    assertThat(f.screen.cursor()).isEqualTo(11);
    assertThat(f.read(12, 3)).isEqualTo("...");
  }

  @Test
  void eraseInputWithNoUnprotectedFieldMovesTheCursorTo0() {
    Fixture f = new Fixture().field(5, PROT).text(6, "label").cursor(33);

    f.kb.eraseInput();

    assertThat(f.read(6, 5)).isEqualTo("label");
    assertThat(f.screen.cursor()).isZero();
  }

  @Test
  void eraseInputOnAnUnformattedScreenClearsIt() {
    Fixture f = new Fixture().text(100, "hello").cursor(300);

    f.kb.eraseInput();

    assertThat(f.read(100, 5)).isEqualTo(".....");
    assertThat(f.screen.cursor()).isZero();
  }

  @Test
  void deleteShiftsTheRestOfTheFieldLeft() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abcde").field(16, PROT).text(17, "x");
    f.cursor(12);

    assertThat(f.kb.delete().success()).isTrue();

    assertThat(f.read(10, 8)).isEqualTo("|acde.|x");
    assertThat(f.mdt(10)).isTrue();
    assertThat(f.screen.cursor()).isEqualTo(12);
  }

  @Test
  void deleteInTheLastPositionOfAFieldJustNullsIt() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abc").field(14, PROT).cursor(13);

    f.kb.delete();

    assertThat(f.read(10, 5)).isEqualTo("|ab.|");
  }

  @Test
  void deleteInAFieldThatWrapsAroundTheEnd() {
    Fixture f = new Fixture().field(1916, UNPROT).text(1917, "abcdef").field(3, PROT);
    f.cursor(1918);

    f.kb.delete();

    assertThat(f.read(1916, 7)).isEqualTo("|acdef.");
    assertThat(f.screen.isFieldAttribute(3)).isTrue();
  }

  @Test
  void deleteOnAnUnformattedScreenShiftsToTheEndOfTheScreen() {
    Fixture f = new Fixture().text(1915, "abcde").cursor(1915);

    f.kb.delete();

    assertThat(f.read(1915, 5)).isEqualTo("bcde.");
  }

  @Test
  void deleteOnAProtectedPositionLocksXProt() {
    Fixture f = new Fixture().field(10, PROT).text(11, "abc").cursor(11);

    assertThat(f.kb.delete()).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));
    assertThat(f.read(11, 3)).isEqualTo("abc");
    assertThat(f.state.primaryLockReason()).isEqualTo(LockReason.PROTECTED);
  }

  @Test
  void deleteIsRefusedWhileLocked() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abc").cursor(11);
    f.state.lock(LockReason.SYSTEM);

    assertThat(f.kb.delete()).isEqualTo(new KeyResult.Failed(Failure.LOCKED));
    assertThat(f.read(11, 3)).isEqualTo("abc");
  }

  @Test
  void eraseKeysClearAnOperatorErrorButNotASystemLock() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abc").cursor(12);
    f.state.lock(LockReason.OVERFLOW);

    assertThat(f.kb.eraseEof().success()).isTrue();
    assertThat(f.state.isKeyboardLocked()).isFalse();
    assertThat(f.read(11, 3)).isEqualTo("a..");

    f.state.lock(LockReason.SYSTEM);
    assertThat(f.kb.eraseInput()).isEqualTo(new KeyResult.Failed(Failure.LOCKED));
    assertThat(f.read(11, 1)).isEqualTo("a");
  }

  @Test
  void eraseIsADestructiveBackspace() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abcd").field(16, PROT).cursor(13);

    assertThat(f.kb.erase().success()).isTrue();

    assertThat(f.read(10, 6)).isEqualTo("|acd..");
    assertThat(f.screen.cursor()).isEqualTo(12);
    assertThat(f.mdt(10)).isTrue();
  }

  @Test
  void eraseAtTheFirstPositionOfAFieldDoesNothing() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abc").cursor(11);

    assertThat(f.kb.erase()).isEqualTo(KeyResult.DONE);

    assertThat(f.read(11, 3)).isEqualTo("abc");
    assertThat(f.screen.cursor()).isEqualTo(11);
    assertThat(f.mdt(10)).isFalse();
  }

  @Test
  void eraseOnAnAttributeOrInAProtectedFieldLocksXProt() {
    Fixture f = new Fixture().field(10, UNPROT).cursor(10);
    assertThat(f.kb.erase()).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));

    Fixture p = new Fixture().field(10, PROT).text(11, "abc").cursor(13);
    assertThat(p.kb.erase()).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));
    assertThat(p.read(11, 3)).isEqualTo("abc");
    assertThat(p.screen.cursor()).isEqualTo(12); // x3270 moves left before the delete fails
  }

  @Test
  void eraseOnAnUnformattedScreenWrapsFrom0() {
    Fixture f = new Fixture().text(1919, "z").text(0, "a").cursor(0);

    f.kb.erase();

    assertThat(f.read(1919, 2)).isEqualTo(".a");
    assertThat(f.screen.cursor()).isEqualTo(1919);
  }

  @Test
  void insertAndToggleInsertSetInsertModeEvenWhileLocked() {
    Fixture f = new Fixture();
    f.state.lock(LockReason.SYSTEM);

    f.kb.insert();
    assertThat(f.state.isInsertMode()).isTrue();
    f.kb.insert();
    assertThat(f.state.isInsertMode()).isTrue();
    f.kb.toggleInsert();
    assertThat(f.state.isInsertMode()).isFalse();
    f.kb.toggleInsert();
    assertThat(f.state.isInsertMode()).isTrue();
  }

  @Test
  void resetClearsOperatorErrorsSystemLocksAndInsertMode() {
    Fixture f = new Fixture();
    f.state.lock(LockReason.SYSTEM);
    f.state.lock(LockReason.OVERFLOW);
    f.state.lock(LockReason.MINUS_FUNCTION);
    f.state.lock(LockReason.AWAITING_FIRST);
    f.kb.insert();

    assertThat(f.kb.reset()).isEqualTo(KeyResult.DONE);

    assertThat(f.state.isKeyboardLocked()).isFalse();
    assertThat(f.state.isInsertMode()).isFalse();
  }

  @Test
  void resetWhenNotConnectedOnlyTurnsInsertModeOff() {
    Fixture f = new Fixture();
    f.kb.setPhase(ConnectionPhase.NOT_CONNECTED);
    f.state.lock(LockReason.NOT_CONNECTED);
    f.kb.insert();

    f.kb.reset();

    assertThat(f.state.lockReasons()).containsExactly(LockReason.NOT_CONNECTED);
    assertThat(f.state.isInsertMode()).isFalse();
  }

  @Test
  void resetKeepsNotConnectedEvenWhenThePhaseSaysConnected() {
    Fixture f = new Fixture();
    f.state.lock(LockReason.NOT_CONNECTED);
    f.state.lock(LockReason.PROTECTED);

    f.kb.reset();

    assertThat(f.state.lockReasons()).containsExactly(LockReason.NOT_CONNECTED);
  }
}
