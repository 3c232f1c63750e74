package dev.console3270.session;

import static dev.console3270.session.HostWrite.CP;
import static dev.console3270.session.HostWrite.NUM;
import static dev.console3270.session.HostWrite.PROT;
import static dev.console3270.session.HostWrite.UNPROT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.LockReason;
import dev.console3270.protocol.keyboard.Failure;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.ScreenText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paste on a real keyboard, on screens written by a host through the real data stream code. */
class PasteTest {

  /**
   * A form: labels (protected) at column 1, input fields with data in columns 10-29 on rows 2-4, a
   * numeric field on row 5, a protected stopper at column 30 of each; nothing but protected text
   * from row 6 on, except a one-row input field on row 23.
   */
  private static Keyboard form() {
    HostWrite w = new HostWrite();
    String[] labels = {"Name", "Street", "City"};
    for (int r = 2; r <= 4; r++) {
      w.at(r, 0).field(PROT).text(labels[r - 2]).at(r, 9).field(UNPROT).at(r, 30).field(PROT);
    }
    w.at(5, 0).field(PROT).text("Amount").at(5, 9).field(NUM).at(5, 30).field(PROT);
    w.at(6, 0).text("Protected text");
    w.at(22, 79).field(UNPROT);
    w.at(2, 10).cursor();
    return w.keyboard();
  }

  private static List<String> rows(Keyboard kb) {
    return ScreenText.ascii(kb.state().screen().snapshot(), CP);
  }

  private static String cells(Keyboard kb, int row, int col, int length) {
    return rows(kb).get(row).substring(col, col + length);
  }

  private static void cursorTo(Keyboard kb, int row, int col) {
    assertThat(kb.moveCursor(row, col).success()).isTrue();
  }

  @Test
  void linesGoToTheNextRowsAtTheColumnWhereThePasteBegan() {
    Keyboard kb = form();
    cursorTo(kb, 2, 12);

    Paste.Result r = Paste.paste(kb, "alpha\r\nbeta\rgamma\n");

    assertThat(r).isEqualTo(new Paste.Result(16, 16, null));
    assertThat(r.complete()).isTrue();
    assertThat(cells(kb, 2, 10, 10)).isEqualTo("  alpha   ");
    assertThat(cells(kb, 3, 10, 10)).isEqualTo("  beta    ");
    assertThat(cells(kb, 4, 10, 10)).isEqualTo("  gamma   ");
    // the final line end is ignored: the cursor stays after "gamma"
    assertThat(kb.state().screen().cursor()).isEqualTo(4 * 80 + 17);
    assertThat(kb.state().isKeyboardLocked()).isFalse();
  }

  @Test
  void aTabPressesTab() {
    Keyboard kb = form();

    Paste.Result r = Paste.paste(kb, "Ann\tMain St\tSpringfield");

    assertThat(r.failure()).isNull();
    assertThat(r.typed()).isEqualTo(r.total()).isEqualTo(23);
    assertThat(cells(kb, 2, 10, 12).trim()).isEqualTo("Ann");
    assertThat(cells(kb, 3, 10, 12).trim()).isEqualTo("Main St");
    assertThat(cells(kb, 4, 10, 12).trim()).isEqualTo("Springfield");
  }

  @Test
  void aPasteThatReachesAProtectedPositionStopsThereAndSaysHowMuchWasTyped() {
    Keyboard kb = form();

    // rows 2-5 take a line each; row 6 at column 10 is protected text
    Paste.Result r = Paste.paste(kb, "x\ny\nz\n1\nwrong");

    assertThat(r).isEqualTo(new Paste.Result(8, 13, Failure.PROTECTED));
    assertThat(r.complete()).isFalse();
    assertThat(r.message())
        .isEqualTo(
            "Pasted 8 of 13 characters; the rest was not typed:"
                + " the cursor reached a protected position.");
    assertThat(cells(kb, 5, 10, 1)).isEqualTo("1");
    assertThat(rows(kb).get(6)).startsWith("Protected text").doesNotContain("w");
    assertThat(kb.state().lockReasons()).containsExactly(LockReason.PROTECTED);
  }

  @Test
  void aNumericFieldRefusesLettersWithNumericLock() {
    Keyboard kb = form();
    kb.setNumericLock(true);
    cursorTo(kb, 5, 10);

    Paste.Result r = Paste.paste(kb, "12a3");

    assertThat(r).isEqualTo(new Paste.Result(2, 4, Failure.NUMERIC));
    assertThat(cells(kb, 5, 10, 4)).isEqualTo("12  ");
    assertThat(kb.state().lockReasons()).containsExactly(LockReason.NUMERIC);
  }

  @Test
  void insertModeShiftsTheFieldAndStopsWhenItIsFull() {
    Keyboard kb = form();
    Paste.paste(kb, "world");
    cursorTo(kb, 2, 10);
    kb.toggleInsert();

    assertThat(Paste.paste(kb, "hello ")).isEqualTo(new Paste.Result(6, 6, null));
    assertThat(cells(kb, 2, 10, 20)).isEqualTo("hello world         ");

    // 11 of 20 cells used, nulls after them: 9 more fit, the 10th overflows
    Keyboard full = form();
    Paste.paste(full, "hello world");
    cursorTo(full, 2, 10);
    full.toggleInsert();
    Paste.Result r = Paste.paste(full, "0123456789");
    assertThat(r).isEqualTo(new Paste.Result(9, 10, Failure.OVERFLOW));
    assertThat(cells(full, 2, 10, 20)).isEqualTo("012345678hello world");
    assertThat(full.state().lockReasons()).containsExactly(LockReason.OVERFLOW);
  }

  @Test
  void aLineBelowTheLastRowIsNotTypedAndTheRestIsReported() {
    Keyboard kb = form();
    cursorTo(kb, 23, 0);

    Paste.Result r = Paste.paste(kb, "last\nnever");

    assertThat(r).isEqualTo(new Paste.Result(4, 10, Failure.INVALID_ARGUMENT));
    assertThat(r.message()).contains("4 of 10").contains("below the last row");
    assertThat(rows(kb).get(23)).startsWith("last").doesNotContain("never");
    assertThat(rows(kb).get(0)).doesNotContain("never");
    assertThat(kb.state().isKeyboardLocked()).isFalse();

    // a single final line end is not a line
    Keyboard kb2 = form();
    cursorTo(kb2, 23, 0);
    assertThat(Paste.paste(kb2, "last\r\n")).isEqualTo(new Paste.Result(4, 4, null));
  }

  @Test
  void aLineLongerThanTheRowContinuesOnTheNextRowAndTheNextLineGoesBelowIt() {
    HostWrite w = new HostWrite();
    w.at(9, 79).field(UNPROT).at(13, 0).field(PROT).at(10, 70).cursor();
    Keyboard kb = w.keyboard();

    Paste.Result r = Paste.paste(kb, "0123456789ABCDEF\nnext");

    assertThat(r.complete()).isTrue();
    assertThat(cells(kb, 10, 70, 10)).isEqualTo("0123456789");
    assertThat(cells(kb, 11, 0, 6)).isEqualTo("ABCDEF");
    assertThat(cells(kb, 12, 70, 4)).isEqualTo("next");
  }

  @Test
  void aLockedKeyboardTypesNothing() {
    Keyboard kb = form();
    kb.state().lock(LockReason.SYSTEM);

    assertThat(Paste.paste(kb, "abc")).isEqualTo(new Paste.Result(0, 3, Failure.LOCKED));
    assertThat(cells(kb, 2, 10, 3)).isEqualTo("   ");
  }

  @Test
  void aControlCharacterStopsThePaste() {
    Keyboard kb = form();

    assertThat(Paste.paste(kb, "ab\u0007cd"))
        .isEqualTo(new Paste.Result(2, 5, Failure.NO_TRANSLATION));
    assertThat(cells(kb, 2, 10, 5)).isEqualTo("ab   ");
  }

  @Test
  void emptyTextIsComplete() {
    Keyboard kb = form();
    assertThat(Paste.paste(kb, "")).isEqualTo(new Paste.Result(0, 0, null));
    assertThat(Paste.paste(kb, "\n")).isEqualTo(new Paste.Result(0, 0, null));
    assertThat(new Paste.Result(3, 3, null).message()).isEqualTo("Pasted 3 characters.");
  }
}
