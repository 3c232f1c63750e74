package dev.console3270.protocol.keyboard;

import static dev.console3270.protocol.keyboard.Fixture.NUM;
import static dev.console3270.protocol.keyboard.Fixture.PROT;
import static dev.console3270.protocol.keyboard.Fixture.SKIP;
import static dev.console3270.protocol.keyboard.Fixture.UNPROT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.LockReason;
import dev.console3270.protocol.screen.Attributes;
import org.junit.jupiter.api.Test;

class KeyboardTypingTest {

  @Test
  void typingFillsTheFieldSetsItsMdtAndAdvancesTheCursor() {
    Fixture f = new Fixture().field(10, UNPROT).field(20, PROT).cursor(11);
    f.screen.setExtendedAttribute(11, Attributes.TYPE_FOREGROUND, 0xf2);
    f.screen.setExtendedAttribute(11, Attributes.TYPE_HIGHLIGHT, Attributes.HL_REVERSE);
    f.screen.setExtendedAttribute(11, Attributes.TYPE_BACKGROUND, 0xf4);

    assertThat(f.kb.type("ab")).isEqualTo(KeyResult.DONE);

    assertThat(f.read(10, 5)).isEqualTo("|ab..");
    assertThat(f.mdt(10)).isTrue();
    assertThat(f.mdt(20)).isFalse();
    assertThat(f.screen.cursor()).isEqualTo(13);
    assertThat(f.state.isKeyboardLocked()).isFalse();
    // x3270 resets the typed cell's colour and highlighting, keeps its background
    assertThat(f.screen.foregroundAt(11)).isZero();
    assertThat(f.screen.highlightAt(11)).isZero();
    assertThat(f.screen.backgroundAt(11)).isEqualTo(0xf4);
  }

  @Test
  void typingOnAProtectedPositionLocksXProtAndChangesNothing() {
    Fixture f = new Fixture().field(10, PROT).text(11, "abc").cursor(12);

    KeyResult r = f.kb.key('x');

    assertThat(r).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));
    assertThat(f.state.primaryLockReason()).isEqualTo(LockReason.PROTECTED);
    assertThat(f.state.primaryLockReason().indicator()).isEqualTo("X PROT");
    assertThat(f.read(10, 4)).isEqualTo("|abc");
    assertThat(f.mdt(10)).isFalse();
    assertThat(f.screen.cursor()).isEqualTo(12);
  }

  @Test
  void typingOnAnAttributePositionIsProtectedEvenForAnUnprotectedField() {
    Fixture f = new Fixture().field(10, UNPROT).cursor(10);

    assertThat(f.kb.key('x')).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));
    assertThat(f.screen.isFieldAttribute(10)).isTrue();
    assertThat(f.state.lockReasons()).containsExactly(LockReason.PROTECTED);
  }

  @Test
  void aLockedKeyboardRefusesTypingWithoutChangingAnything() {
    Fixture f = new Fixture().field(10, UNPROT).cursor(11);
    f.state.lock(LockReason.SYSTEM);

    assertThat(f.kb.key('x')).isEqualTo(new KeyResult.Failed(Failure.LOCKED));
    assertThat(f.kb.keyEbcdic(0xc1)).isEqualTo(new KeyResult.Failed(Failure.LOCKED));
    assertThat(f.kb.dup()).isEqualTo(new KeyResult.Failed(Failure.LOCKED));
    assertThat(f.kb.fieldMark()).isEqualTo(new KeyResult.Failed(Failure.LOCKED));
    assertThat(f.read(10, 3)).isEqualTo("|..");
    assertThat(f.mdt(10)).isFalse();
    assertThat(f.screen.cursor()).isEqualTo(11);
    assertThat(f.state.lockReasons()).containsExactly(LockReason.SYSTEM);
  }

  @Test
  void anOperatorErrorLockRefusesFurtherTypingUntilReset() {
    Fixture f = new Fixture().field(10, PROT).field(20, UNPROT).cursor(11);
    f.kb.key('x');
    f.screen.setCursor(21);

    assertThat(f.kb.key('y')).isEqualTo(new KeyResult.Failed(Failure.LOCKED));
    f.kb.reset();
    assertThat(f.kb.key('y').success()).isTrue();
    assertThat(f.read(21, 1)).isEqualTo("y");
  }

  @Test
  void afterTheLastPositionTheCursorStepsOverTheNextAttributeIntoAnUnprotectedField() {
    Fixture f = new Fixture().field(10, UNPROT).field(13, UNPROT).cursor(11);

    f.kb.type("ab");

    assertThat(f.screen.cursor()).isEqualTo(14);
  }

  @Test
  void afterTheLastPositionTheCursorLandsInAProtectedNonSkipField() {
    // x3270 only steps over attribute bytes; it does not look for an unprotected field
    Fixture f = new Fixture().field(10, UNPROT).field(13, PROT).field(30, UNPROT).cursor(11);

    f.kb.type("ab");

    assertThat(f.screen.cursor()).isEqualTo(14);
    assertThat(f.kb.key('c')).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));
  }

  @Test
  void autoSkipFieldsAreSkippedToTheNextUnprotectedField() {
    Fixture f =
        new Fixture()
            .field(10, UNPROT)
            .field(13, SKIP)
            .field(20, SKIP)
            .field(25, PROT)
            .field(30, UNPROT)
            .cursor(11);

    assertThat(f.kb.type("abc").success()).isTrue();

    assertThat(f.read(10, 3)).isEqualTo("|ab");
    assertThat(f.read(31, 1)).isEqualTo("c");
    assertThat(f.screen.cursor()).isEqualTo(32);
    assertThat(f.mdt(10)).isTrue();
    assertThat(f.mdt(30)).isTrue();
  }

  @Test
  void autoSkipWrapsToTheFirstUnprotectedFieldOnTheScreen() {
    Fixture f = new Fixture().field(5, UNPROT).field(1900, UNPROT).field(1902, SKIP).cursor(1901);

    f.kb.key('z');

    assertThat(f.screen.cursor()).isEqualTo(6);
  }

  @Test
  void typeStopsAtTheFirstRefusal() {
    Fixture f = new Fixture().field(10, UNPROT).field(13, PROT).cursor(11);

    KeyResult r = f.kb.type("abcd");

    assertThat(r).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));
    assertThat(f.read(10, 5)).isEqualTo("|ab|.");
    assertThat(f.state.lockReasons()).containsExactly(LockReason.PROTECTED);
  }

  @Test
  void numericFieldsAcceptAnyCharacterByDefaultAsX3270Does() {
    Fixture f = new Fixture().field(10, NUM).field(20, PROT).cursor(11);

    assertThat(f.kb.numericLock()).isFalse();
    assertThat(f.kb.type("aB1").success()).isTrue();
    assertThat(f.read(11, 3)).isEqualTo("aB1");
  }

  @Test
  void withNumericLockANumericFieldRefusesLettersWithXNum() {
    Fixture f = new Fixture().field(10, NUM).field(20, PROT).cursor(11);
    f.kb.setNumericLock(true);

    assertThat(f.kb.type("0123456789+-.,").success()).isFalse(); // field is only 9 long
    f.kb.reset();
    f.screen.setCursor(11);
    assertThat(f.kb.type("-1.5,+").success()).isTrue();
    KeyResult r = f.kb.key('a');

    assertThat(r).isEqualTo(new KeyResult.Failed(Failure.NUMERIC));
    assertThat(f.state.primaryLockReason().indicator()).isEqualTo("X NUM");
    assertThat(f.read(11, 7)).isEqualTo("-1.5,+6");
    assertThat(f.screen.cursor()).isEqualTo(17);
  }

  @Test
  void withNumericLockDupIsRefusedInANumericFieldLikeX3270() {
    Fixture f = new Fixture().field(10, NUM).field(20, UNPROT).cursor(11);
    f.kb.setNumericLock(true);

    assertThat(f.kb.dup()).isEqualTo(new KeyResult.Failed(Failure.NUMERIC));
  }

  @Test
  void numericLockDoesNotApplyToAlphanumericFields() {
    Fixture f = new Fixture().field(10, UNPROT).field(20, PROT).cursor(11);
    f.kb.setNumericLock(true);

    assertThat(f.kb.type("abc").success()).isTrue();
  }

  @Test
  void insertModeShiftsTheFieldRight() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abc").field(16, PROT).cursor(11);
    f.kb.insert();

    assertThat(f.kb.key('X').success()).isTrue();

    assertThat(f.read(10, 7)).isEqualTo("|Xabc.|");
    assertThat(f.screen.cursor()).isEqualTo(12);
    assertThat(f.mdt(10)).isTrue();
    assertThat(f.state.isInsertMode()).isTrue();
  }

  @Test
  void insertModeShiftsOnlyUpToTheFirstNull() {
    Fixture f =
        new Fixture().field(10, UNPROT).text(11, "ab").text(14, "cd").field(17, PROT).cursor(11);
    f.kb.insert();

    f.kb.key('X');

    assertThat(f.read(10, 8)).isEqualTo("|Xabcd.|");
  }

  @Test
  void insertModeWithNoNullToTheEndOfTheFieldLocksOverflow() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abcd").field(15, PROT).cursor(11);
    f.kb.insert();

    KeyResult r = f.kb.key('X');

    assertThat(r).isEqualTo(new KeyResult.Failed(Failure.OVERFLOW));
    assertThat(f.state.primaryLockReason()).isEqualTo(LockReason.OVERFLOW);
    assertThat(f.read(10, 6)).isEqualTo("|abcd|");
    assertThat(f.mdt(10)).isFalse();
    assertThat(f.screen.cursor()).isEqualTo(11);
  }

  @Test
  void withoutBlankFillInsertModeCountsOnlyNullsFromTheCursorOn() {
    // a null before the cursor does not help; blanks are not nulls
    Fixture f = new Fixture().field(10, UNPROT).text(12, "ab  ").field(16, PROT).cursor(12);
    f.kb.setBlankFill(false);
    f.kb.insert();

    assertThat(f.kb.key('X')).isEqualTo(new KeyResult.Failed(Failure.OVERFLOW));
  }

  @Test
  void insertModeOnTheLastNullPositionJustTypes() {
    Fixture f = new Fixture().field(10, UNPROT).text(11, "abc").field(15, PROT).cursor(14);
    f.kb.insert();

    assertThat(f.kb.key('X').success()).isTrue();
    assertThat(f.read(10, 6)).isEqualTo("|abcX|");
  }

  @Test
  void insertModeInAFieldThatWrapsAroundTheEndOfTheBuffer() {
    Fixture f = new Fixture().field(1917, UNPROT).text(1918, "abc").field(3, PROT).cursor(1918);
    f.kb.insert();

    f.kb.key('X');

    assertThat(f.read(1917, 7)).isEqualTo("|Xabc.|");
    assertThat(f.mdt(1917)).isTrue();
  }

  @Test
  void typingInAFieldThatWrapsAroundTheEndOfTheBuffer() {
    Fixture f = new Fixture().field(1915, UNPROT).field(8, UNPROT).cursor(1916);

    f.kb.type("abcdef");

    assertThat(f.read(1915, 5)).isEqualTo("|abcd");
    assertThat(f.read(0, 3)).isEqualTo("ef.");
    assertThat(f.mdt(1915)).isTrue();
    assertThat(f.mdt(8)).isFalse();
    assertThat(f.screen.cursor()).isEqualTo(2);
    f.kb.type("123456");
    assertThat(f.read(0, 10)).isEqualTo("ef123456|.");
    assertThat(f.screen.cursor()).isEqualTo(9);
    assertThat(f.mdt(8)).isFalse();
  }

  @Test
  void unformattedScreensAcceptTypingAnywhereAndWrapAtTheEnd() {
    Fixture f = new Fixture().cursor(1918);

    assertThat(f.kb.type("abc").success()).isTrue();

    assertThat(f.read(1918, 3)).isEqualTo("abc");
    assertThat(f.screen.cursor()).isEqualTo(1);
    assertThat(f.state.isKeyboardLocked()).isFalse();
  }

  @Test
  void insertModeOnAnUnformattedScreenShiftsToTheFirstNull() {
    Fixture f = new Fixture().text(100, "abc").cursor(100);
    f.kb.toggleInsert();

    f.kb.key('X');

    assertThat(f.read(100, 5)).isEqualTo("Xabc.");
  }

  @Test
  void insertModeOnAnUnformattedScreenNeverUsesTheLastCell() {
    // x3270 searches up to, not including, the last position (s3270 4.1 also overflows here)
    Fixture f = new Fixture().text(1917, "abc").cursor(1917);
    f.kb.insert();

    assertThat(f.kb.key('X')).isEqualTo(new KeyResult.Failed(Failure.OVERFLOW));
    assertThat(f.read(1917, 3)).isEqualTo("abc");
  }

  @Test
  void keyEbcdicTypesACodeDirectly() {
    Fixture f = new Fixture().field(10, UNPROT).cursor(11);

    assertThat(f.kb.keyEbcdic(0xc1).success()).isTrue();
    assertThat(f.screen.charAt(11)).isEqualTo(0xc1);
    assertThat(f.kb.keyEbcdic(256)).isEqualTo(new KeyResult.Failed(Failure.INVALID_ARGUMENT));
  }

  @Test
  void keyGeTypesInTheAplCharacterSet() {
    Fixture f = new Fixture().field(10, UNPROT).cursor(11);

    assertThat(f.kb.keyGe(0xad).success()).isTrue();
    assertThat(f.screen.charAt(11)).isEqualTo(0xad);
    assertThat(f.screen.charsetAt(11)).isEqualTo(Attributes.CS_APL);
    assertThat(f.screen.cursor()).isEqualTo(12);
  }

  @Test
  void theCodePageTranslatesTypedCharacters() {
    Fixture f = new Fixture().field(10, UNPROT).cursor(11);

    f.kb.type("[]a1 ");

    assertThat(f.screen.charAt(11)).isEqualTo(0xad);
    assertThat(f.screen.charAt(12)).isEqualTo(0xbd);
    assertThat(f.screen.charAt(13)).isEqualTo(0x81);
    assertThat(f.screen.charAt(14)).isEqualTo(0xf1);
    assertThat(f.screen.charAt(15)).isEqualTo(0x40);
  }

  @Test
  void untranslatableAndControlCharactersAreRefusedWithoutLocking() {
    Fixture f = new Fixture().field(10, UNPROT).cursor(11);

    assertThat(f.kb.key('\u4e00')).isEqualTo(new KeyResult.Failed(Failure.NO_TRANSLATION));
    assertThat(f.kb.key('\n')).isEqualTo(new KeyResult.Failed(Failure.NO_TRANSLATION));
    assertThat(f.state.isKeyboardLocked()).isFalse();
    assertThat(f.screen.cursor()).isEqualTo(11);
  }

  @Test
  void dupTypesTheDupCharacterAndTabsToTheNextUnprotectedField() {
    Fixture f =
        new Fixture().field(10, UNPROT).field(20, PROT).field(30, UNPROT).text(11, "ab").cursor(12);

    assertThat(f.kb.dup().success()).isTrue();

    assertThat(f.screen.charAt(12)).isEqualTo(Keyboard.EBC_DUP);
    assertThat(f.read(11, 1)).isEqualTo("a");
    assertThat(f.mdt(10)).isTrue();
    assertThat(f.screen.cursor()).isEqualTo(31);
  }

  @Test
  void dupInTheLastPositionGoesToTheNextField() {
    // the cursor lands on the next field's attribute; next_unprotected from there is that field
    Fixture f = new Fixture().field(10, UNPROT).field(13, UNPROT).field(20, UNPROT).cursor(12);

    f.kb.dup();

    assertThat(f.screen.cursor()).isEqualTo(14);
  }

  @Test
  void fieldMarkTypesTheFieldMarkCharacterAndAdvancesOne() {
    Fixture f = new Fixture().field(10, UNPROT).field(20, UNPROT).cursor(11);

    assertThat(f.kb.fieldMark().success()).isTrue();

    assertThat(f.screen.charAt(11)).isEqualTo(Keyboard.EBC_FM);
    assertThat(f.screen.cursor()).isEqualTo(12);
    assertThat(f.mdt(10)).isTrue();
  }

  @Test
  void dupOnAProtectedFieldLocksXProt() {
    Fixture f = new Fixture().field(10, PROT).cursor(11);

    assertThat(f.kb.dup()).isEqualTo(new KeyResult.Failed(Failure.PROTECTED));
    assertThat(f.screen.cursor()).isEqualTo(11);
  }

  @Test
  void typingIsRefusedOutsideA3270Session() {
    Fixture f = new Fixture().field(10, UNPROT).cursor(11);
    f.kb.setPhase(ConnectionPhase.NOT_CONNECTED);
    assertThat(f.kb.key('a')).isEqualTo(new KeyResult.Failed(Failure.NOT_CONNECTED));
    f.kb.setPhase(ConnectionPhase.NVT);
    assertThat(f.kb.key('a')).isEqualTo(new KeyResult.Failed(Failure.NOT_3270));
    f.kb.setPhase(ConnectionPhase.TN3270E);
    assertThat(f.kb.key('a').success()).isTrue();
  }
}
