package dev.console3270.protocol.keyboard;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.LockReason;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.datastream.InboundEncoder;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The operator's keyboard on a {@link TerminalState}, with the rules of x3270 4.x (its kybd.c):
 * typing with protection, numeric lock, insert mode, MDT and auto-skip; field navigation; editing
 * keys; AID keys with the keyboard lock; Reset. Each method is one action of the x3270 action
 * language (String, Key, Enter, PF(n), PA(n), Clear, SysReq, Attn, Tab, BackTab, Home, Newline, Up,
 * Down, Left, Right, MoveCursor, EraseEOF, EraseInput, Delete, BackSpace, Erase, Insert,
 * ToggleInsert, Dup, FieldMark, Reset) and returns a {@link KeyResult}.
 *
 * <p>Where x3270 queues a key as typeahead because the keyboard is locked, this keyboard refuses it
 * ({@link Failure#LOCKED}) and changes nothing. Operator errors always lock the keyboard (x3270
 * 4.x's default {@code oerrLock=true}) and fail the operation (as x3270's String() does). Blank
 * fill is on by default, as in x3270 4.x; numeric lock is off. Where x3270 versions differ, this
 * follows the current x3270 4.x kybd.c. Field validation (mandatory fill/entry) is not enforced:
 * x3270 4.x does not enforce it either. DBCS input and NVT-mode keys are not handled here.
 *
 * <p>AID keys get their bytes from {@link InboundEncoder#readModified}; a package-private
 * constructor takes another encoder so the AID bookkeeping can be tested apart from the encoding.
 * Single-threaded, like the state it works on.
 */
public final class Keyboard {

  /** EBCDIC Dup control. */
  public static final int EBC_DUP = 0x1c;

  /** EBCDIC Field Mark control. */
  public static final int EBC_FM = 0x1e;

  private static final int EBC_NULL = 0x00;
  private static final int EBC_SPACE = 0x40;
  private static final int EBC_UNDERSCORE = 0x6d;
  private static final int EBC_0 = 0xf0;
  private static final int EBC_9 = 0xf9;
  private static final int EBC_PLUS = 0x4e;
  private static final int EBC_MINUS = 0x60;
  private static final int EBC_PERIOD = 0x4b;
  private static final int EBC_COMMA = 0x6b;

  /** Lock reasons x3270 counts as operator errors (its KL_OERR_MASK), cleared by cursor keys. */
  private static final Set<LockReason> OERR =
      EnumSet.of(LockReason.PROTECTED, LockReason.NUMERIC, LockReason.OVERFLOW);

  /** Builds the Read Modified reply for an AID; replaceable in tests. */
  @FunctionalInterface
  interface ReadModifiedEncoder {
    byte[] encode(TerminalState state, Aid aid);
  }

  private final TerminalState state;
  private final ReadModifiedEncoder encoder;
  private ConnectionPhase phase = ConnectionPhase.NOT_CONNECTED;
  private boolean numericLock;
  private boolean blankFill = true;
  private boolean underscoreBlankFill = true;

  /** A keyboard on the state; AID keys encode with {@link InboundEncoder#readModified}. */
  public Keyboard(TerminalState state) {
    this(state, (s, aid) -> InboundEncoder.readModified(s, aid, false));
  }

  /** A keyboard with another Read Modified encoder (tests). */
  Keyboard(TerminalState state, ReadModifiedEncoder encoder) {
    this.state = state;
    this.encoder = encoder;
  }

  /** The state this keyboard works on. */
  public TerminalState state() {
    return state;
  }

  /** The session phase; {@link ConnectionPhase#NOT_CONNECTED} until the session sets it. */
  public ConnectionPhase phase() {
    return phase;
  }

  /** Sets the session phase (called by the session layer). */
  public void setPhase(ConnectionPhase phase) {
    this.phase = phase;
  }

  /** True when numeric fields refuse non-numeric characters (x3270 {@code numericLock}). */
  public boolean numericLock() {
    return numericLock;
  }

  /**
   * Turns numeric lock on or off. Off by default, as in x3270 4.x, where numeric fields accept any
   * character. On, a numeric field takes only 0-9, plus, minus, period and comma (x3270's set; it
   * refuses Dup too) and anything else locks with {@link LockReason#NUMERIC}.
   */
  public void setNumericLock(boolean on) {
    this.numericLock = on;
  }

  /** True when blank fill is on (x3270 {@code blankFill}; on by default in x3270 4.x). */
  public boolean blankFill() {
    return blankFill;
  }

  /**
   * Turns blank fill on or off. On (the x3270 4.x default), typing a character turns the nulls
   * before it in its field into blanks (back to the start of the field, but not across a row whose
   * part of the field is all nulls), and in insert mode trailing blanks at the end of the field
   * count as room like nulls do.
   */
  public void setBlankFill(boolean on) {
    this.blankFill = on;
  }

  /** True when, with blank fill, trailing underscores also count as room for inserts. */
  public boolean underscoreBlankFill() {
    return underscoreBlankFill;
  }

  /** Turns x3270's {@code underscoreBlankFill} on (the default) or off. */
  public void setUnderscoreBlankFill(boolean on) {
    this.underscoreBlankFill = on;
  }

  /** The Operator Information Area for this keyboard's state and phase. */
  public Oia oia(String luName, boolean tls) {
    return Oia.of(state, phase, luName, tls);
  }

  // ---------------------------------------------------------------- typing

  /**
   * Types a string (the String action, without its backslash escapes): each character as {@link
   * #key(int)}, stopping at the first refusal, which is returned.
   */
  public KeyResult type(String text) {
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      KeyResult r = key(cp);
      if (!r.success()) {
        return r;
      }
      i += Character.charCount(cp);
    }
    return KeyResult.DONE;
  }

  /**
   * Types one Unicode character (the Key action), converted with the state's code page. Control
   * characters and characters the code page cannot encode are refused ({@link
   * Failure#NO_TRANSLATION}; x3270 drops them silently).
   */
  public KeyResult key(int codePoint) {
    KeyResult gate = characterGate();
    if (gate != null) {
      return gate;
    }
    if (codePoint < 0x20 || codePoint > 0xffff) {
      return new KeyResult.Failed(Failure.NO_TRANSLATION);
    }
    int ebc = state.codePage().toEbcdic((char) codePoint);
    if (ebc <= 0) {
      return new KeyResult.Failed(Failure.NO_TRANSLATION);
    }
    return keyCharacter(ebc, false);
  }

  /** Types an EBCDIC code directly (0x40-0xFE are graphics; 0x1C Dup, 0x1E Field Mark). */
  public KeyResult keyEbcdic(int ebcdic) {
    if (ebcdic < 0 || ebcdic > 0xff) {
      return new KeyResult.Failed(Failure.INVALID_ARGUMENT);
    }
    KeyResult gate = characterGate();
    return gate != null ? gate : keyCharacter(ebcdic, false);
  }

  /** Types a graphic-escape (APL) character by its code in the APL/GE character set. */
  public KeyResult keyGe(int code) {
    if (code < 0 || code > 0xff) {
      return new KeyResult.Failed(Failure.INVALID_ARGUMENT);
    }
    KeyResult gate = characterGate();
    return gate != null ? gate : keyCharacter(code, true);
  }

  /** Dup: a Dup character (0x1C), then the cursor to the next unprotected field. */
  public KeyResult dup() {
    KeyResult gate = characterGate();
    if (gate != null) {
      return gate;
    }
    KeyResult r = keyCharacter(EBC_DUP, false);
    if (r.success()) {
      screen().setCursor(nextUnprotected(screen().cursor()));
    }
    return r;
  }

  /** Field Mark: types the Field Mark character (0x1E). */
  public KeyResult fieldMark() {
    KeyResult gate = characterGate();
    return gate != null ? gate : keyCharacter(EBC_FM, false);
  }

  private KeyResult characterGate() {
    if (state.isKeyboardLocked()) {
      return new KeyResult.Failed(Failure.LOCKED);
    }
    return phaseGate();
  }

  private KeyResult phaseGate() {
    if (phase == ConnectionPhase.NVT) {
      return new KeyResult.Failed(Failure.NOT_3270);
    }
    if (!phase.is3270()) {
      return new KeyResult.Failed(Failure.NOT_CONNECTED);
    }
    return null;
  }

  /** x3270's key_Character for an SBCS code, the keyboard known to be unlocked. */
  private KeyResult keyCharacter(int ebc, boolean ge) {
    ScreenBuffer s = screen();
    int baddr = s.cursor();
    int faddr = s.fieldStart(baddr);
    FieldAttribute fa = faddr < 0 ? null : new FieldAttribute(s.fieldAttributeByte(faddr));
    if (s.isFieldAttribute(baddr) || (fa != null && fa.isProtected())) {
      return operatorError(Failure.PROTECTED);
    }
    if (numericLock && fa != null && fa.isNumeric() && !isNumericCharacter(ebc)) {
      return operatorError(Failure.NUMERIC);
    }
    if (state.isInsertMode() && !insertPrepare(faddr, baddr)) {
      return operatorError(Failure.OVERFLOW);
    }
    s.setChar(
        baddr, ebc, ge ? Attributes.CS_APL : Attributes.CS_DEFAULT, 0, s.backgroundAt(baddr), 0);
    baddr = s.wrap(baddr + 1);
    if (blankFill && faddr >= 0) {
      fillLeadingNulls(faddr, s.wrap(baddr - 1));
    }
    setMdt(s.cursor());
    if (ebc != EBC_DUP) {
      // Auto-skip, and never land on a field attribute.
      for (int guard = 0; guard < s.size() && s.isFieldAttribute(baddr); guard++) {
        if (new FieldAttribute(s.fieldAttributeByte(baddr)).isAutoSkip()) {
          baddr = nextUnprotected(baddr);
        } else {
          baddr = s.wrap(baddr + 1);
        }
      }
    }
    s.setCursor(baddr);
    s.touch();
    return KeyResult.DONE;
  }

  private static boolean isNumericCharacter(int ebc) {
    return (ebc >= EBC_0 && ebc <= EBC_9)
        || ebc == EBC_PLUS
        || ebc == EBC_MINUS
        || ebc == EBC_PERIOD
        || ebc == EBC_COMMA;
  }

  /**
   * Makes room for one character at {@code baddr} in insert mode (x3270's ins_prep): when a null
   * lies between the cursor and the end of the field, shifts the cells up to the first such null
   * one position right; else, with blank fill, when the field ends in blanks (or underscores),
   * shifts the rest of the field right, dropping its last blank. False when there is no room.
   */
  private boolean insertPrepare(int faddr, int baddr) {
    ScreenBuffer s = screen();
    int n = s.size();
    int end; // exclusive end of the search, as x3270: the next attribute, or the last cell
    if (faddr < 0) {
      end = n - 1;
    } else {
      end = s.wrap(faddr + 1);
      while (end != faddr && !s.isFieldAttribute(end)) {
        end = s.wrap(end + 1);
      }
    }
    int x = baddr;
    int firstNull = -1;
    int trailingBlanks = 0;
    while (x != end) {
      int c = s.charAt(x);
      if (c == EBC_NULL) {
        firstNull = x;
        break;
      } else if (blankFill && (c == EBC_SPACE || (underscoreBlankFill && c == EBC_UNDERSCORE))) {
        trailingBlanks++;
      } else {
        trailingBlanks = 0;
      }
      x = s.wrap(x + 1);
    }
    int count;
    if (firstNull >= 0) {
      count = firstNull - baddr;
    } else if (trailingBlanks > 0) {
      count = end - baddr - 1;
    } else {
      return false;
    }
    if (count < 0) {
      count += n;
    }
    for (int i = count; i > 0; i--) {
      copyCell(s.wrap(baddr + i - 1), s.wrap(baddr + i));
    }
    return true;
  }

  /**
   * Blank fill after typing at {@code typed}: nulls up to it in its field become blanks, going back
   * to the field attribute but stopping before a row whose part of the field is all nulls.
   */
  private void fillLeadingNulls(int faddr, int typed) {
    ScreenBuffer s = screen();
    int cols = s.cols();
    int a = typed;
    for (int guard = 0; guard < s.size() && a != faddr; guard++) {
      if (a % cols == cols - 1) {
        boolean allNull = true;
        int scan = a;
        while (scan != faddr) {
          if (s.charAt(scan) != EBC_NULL) {
            allNull = false;
            break;
          }
          if (scan % cols == 0) {
            break;
          }
          scan = s.wrap(scan - 1);
        }
        if (allNull) {
          break;
        }
      }
      if (s.charAt(a) == EBC_NULL) {
        s.setCharCode(a, EBC_SPACE, Attributes.CS_DEFAULT);
      }
      a = s.wrap(a - 1);
    }
  }

  // ---------------------------------------------------------------- cursor movement

  /** Tab: to the first data position of the next unprotected field (0 on an unformatted screen). */
  public KeyResult tab() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    screen().setCursor(nextUnprotected(screen().cursor()));
    return KeyResult.DONE;
  }

  /**
   * BackTab: to the first data position of this unprotected field if the cursor is past it, else of
   * the previous one; 0 when there is none.
   */
  public KeyResult backTab() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    int baddr = s.wrap(s.cursor() - 1);
    if (s.isFieldAttribute(baddr)) {
      baddr = s.wrap(baddr - 1);
    }
    int start = baddr;
    while (true) {
      int next = s.wrap(baddr + 1);
      if (s.isFieldAttribute(baddr)
          && !new FieldAttribute(s.fieldAttributeByte(baddr)).isProtected()
          && !s.isFieldAttribute(next)) {
        s.setCursor(next);
        return KeyResult.DONE;
      }
      baddr = s.wrap(baddr - 1);
      if (baddr == start) {
        s.setCursor(0);
        return KeyResult.DONE;
      }
    }
  }

  /** Home: to the first unprotected field's first data position, or 0. */
  public KeyResult home() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    s.setCursor(s.isFormatted() ? nextUnprotected(s.size() - 1) : 0);
    return KeyResult.DONE;
  }

  /** Cursor left, wrapping from 0 to the last position. */
  public KeyResult left() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    screen().setCursor(screen().cursor() - 1);
    return KeyResult.DONE;
  }

  /** Cursor right, wrapping from the last position to 0. */
  public KeyResult right() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    screen().setCursor(screen().cursor() + 1);
    return KeyResult.DONE;
  }

  /** Cursor up one row, wrapping from the top row to the bottom row, same column. */
  public KeyResult up() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    s.setCursor(s.cursor() - s.cols());
    return KeyResult.DONE;
  }

  /** Cursor down one row, wrapping from the bottom row to the top row, same column. */
  public KeyResult down() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    s.setCursor(s.cursor() + s.cols());
    return KeyResult.DONE;
  }

  /**
   * BackSpace: the cursor one position left (a cursor move, not an erase, as x3270's 3270-style
   * BackSpace). Refused while the keyboard is locked.
   */
  public KeyResult backSpace() {
    KeyResult gate = lockedOrNot3270();
    if (gate != null) {
      return gate;
    }
    screen().setCursor(screen().cursor() - 1);
    return KeyResult.DONE;
  }

  /**
   * Newline: to the first column of the next row if that is in an unprotected field (and not an
   * attribute), else to the next unprotected field after it. Unformatted: the next row's start.
   */
  public KeyResult newline() {
    KeyResult gate = lockedOrNot3270();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    int cols = s.cols();
    int baddr = s.wrap(s.cursor() + cols);
    baddr = (baddr / cols) * cols;
    int faddr = s.fieldStart(baddr);
    if (faddr < 0) {
      s.setCursor(baddr);
    } else if (faddr != baddr && !new FieldAttribute(s.fieldAttributeByte(faddr)).isProtected()) {
      s.setCursor(baddr);
    } else {
      s.setCursor(nextUnprotected(baddr));
    }
    return KeyResult.DONE;
  }

  /** MoveCursor(offset): the cursor to a 0-origin buffer address. */
  public KeyResult moveCursor(int address) {
    KeyResult gate = lockedOrNot3270();
    if (gate != null) {
      return gate;
    }
    if (address < 0 || address >= screen().size()) {
      return new KeyResult.Failed(Failure.INVALID_ARGUMENT);
    }
    screen().setCursor(address);
    return KeyResult.DONE;
  }

  /** MoveCursor(row, col): the cursor to a 0-origin row and column. */
  public KeyResult moveCursor(int row, int column) {
    ScreenBuffer s = screen();
    if (row < 0 || row >= s.rows() || column < 0 || column >= s.cols()) {
      return new KeyResult.Failed(Failure.INVALID_ARGUMENT);
    }
    return moveCursor(row * s.cols() + column);
  }

  // ---------------------------------------------------------------- editing

  /**
   * EraseEOF: nulls from the cursor to the end of the field (to the end of the screen when
   * unformatted) and sets the MDT. On a protected position: locks "X PROT" and fails.
   */
  public KeyResult eraseEof() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    int baddr = s.cursor();
    if (s.isProtectedAt(baddr)) {
      return operatorError(Failure.PROTECTED);
    }
    if (s.isFormatted()) {
      int n = s.size();
      do {
        s.setCharCode(baddr, EBC_NULL, Attributes.CS_DEFAULT);
        baddr = s.wrap(baddr + 1);
        n--;
      } while (n > 0 && !s.isFieldAttribute(baddr));
      setMdt(s.cursor());
    } else {
      do {
        s.setCharCode(baddr, EBC_NULL, Attributes.CS_DEFAULT);
        baddr = s.wrap(baddr + 1);
      } while (baddr != 0);
    }
    s.touch();
    return KeyResult.DONE;
  }

  /**
   * EraseInput: nulls every unprotected field and resets its MDT; the cursor goes to the first
   * unprotected field (0 when none). Unformatted: clears the whole screen.
   */
  public KeyResult eraseInput() {
    KeyResult gate = clearOperatorErrorOrRefuse();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    if (!s.isFormatted()) {
      s.clear();
      return KeyResult.DONE;
    }
    int n = s.size();
    int first = 0;
    while (first < n && !s.isFieldAttribute(first)) {
      first++;
    }
    if (first == n) {
      // Attributes only outside the visible size: treat as unformatted.
      s.clear();
      return KeyResult.DONE;
    }
    int baddr = first;
    boolean cursorSet = false;
    do {
      FieldAttribute fa = new FieldAttribute(s.fieldAttributeByte(baddr));
      if (!fa.isProtected()) {
        s.setFieldAttributeByte(baddr, fa.value() & ~FieldAttribute.MDT);
        do {
          baddr = (baddr + 1) % n;
          if (!cursorSet) {
            s.setCursor(baddr);
            cursorSet = true;
          }
          if (!s.isFieldAttribute(baddr)) {
            s.setCharCode(baddr, EBC_NULL, Attributes.CS_DEFAULT);
          }
        } while (!s.isFieldAttribute(baddr));
      } else {
        do {
          baddr = (baddr + 1) % n;
        } while (!s.isFieldAttribute(baddr));
      }
    } while (baddr != first);
    if (!cursorSet) {
      s.setCursor(0);
    }
    s.touch();
    return KeyResult.DONE;
  }

  /**
   * Delete: removes the character at the cursor, shifting the rest of the field (of the screen when
   * unformatted) one left and putting a null at its end; sets the MDT. On a protected position:
   * locks "X PROT" and fails.
   */
  public KeyResult delete() {
    KeyResult gate = lockedOrNot3270();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    int baddr = s.cursor();
    if (s.isProtectedAt(baddr)) {
      return operatorError(Failure.PROTECTED);
    }
    int end;
    if (s.isFormatted()) {
      end = baddr;
      do {
        end = s.wrap(end + 1);
      } while (!s.isFieldAttribute(end) && end != baddr);
      end = s.wrap(end - 1);
    } else {
      end = s.size() - 1;
    }
    int count = end - baddr;
    if (count < 0) {
      count += s.size();
    }
    for (int i = 0; i < count; i++) {
      copyCell(s.wrap(baddr + i + 1), s.wrap(baddr + i));
    }
    s.setCharCode(end, EBC_NULL, Attributes.CS_DEFAULT);
    setMdt(baddr);
    s.touch();
    return KeyResult.DONE;
  }

  /**
   * Erase: a destructive backspace (x3270's Erase action). At the first data position of a field
   * nothing happens; otherwise the cursor moves left and the character there is deleted as by
   * {@link #delete()} (which fails "X PROT" in a protected field). On a field attribute: locks "X
   * PROT" and fails.
   */
  public KeyResult erase() {
    KeyResult gate = lockedOrNot3270();
    if (gate != null) {
      return gate;
    }
    ScreenBuffer s = screen();
    int baddr = s.cursor();
    if (s.isFieldAttribute(baddr)) {
      return operatorError(Failure.PROTECTED);
    }
    if (baddr != 0 && s.fieldStart(baddr) == baddr - 1) {
      return KeyResult.DONE;
    }
    s.setCursor(baddr - 1);
    return delete();
  }

  /** Insert: turns insert mode on. Accepted even while the keyboard is locked, as in x3270. */
  public KeyResult insert() {
    state.setInsertMode(true);
    return KeyResult.DONE;
  }

  /** ToggleInsert: flips insert mode. Accepted even while the keyboard is locked. */
  public KeyResult toggleInsert() {
    state.setInsertMode(!state.isInsertMode());
    return KeyResult.DONE;
  }

  /**
   * Reset: turns insert mode off and, when connected, unlocks the keyboard whatever the reason
   * (operator errors, "X SYSTEM" after an AID, "X -f", awaiting the first screen), as x3270's
   * explicit Reset does. Not connected, it only turns insert mode off.
   */
  public KeyResult reset() {
    state.setInsertMode(false);
    if (phase.isConnected()) {
      state.restoreKeyboard();
    }
    return KeyResult.DONE;
  }

  // ---------------------------------------------------------------- AID keys

  /** Enter. */
  public KeyResult enter() {
    return aid(Aid.ENTER);
  }

  /** PF key 1 to 24. */
  public KeyResult pf(int n) {
    if (n < 1 || n > 24) {
      return new KeyResult.Failed(Failure.INVALID_ARGUMENT);
    }
    return aid(Aid.pf(n));
  }

  /** PA key 1 to 3. */
  public KeyResult pa(int n) {
    if (n < 1 || n > 3) {
      return new KeyResult.Failed(Failure.INVALID_ARGUMENT);
    }
    return aid(Aid.pa(n));
  }

  /**
   * Clear: erases the screen and returns it to the default size with the cursor at 0 (as the 3270
   * does; x3270 4.1 keeps the current size), then sends the Clear AID (a short read) and locks the
   * keyboard. In SSCP-LU mode the clear is local (no AID); when not in a 3270 session it only
   * clears the screen. While the keyboard is locked in a 3270 session it is refused.
   */
  public KeyResult clear() {
    if (state.lockReasons().contains(LockReason.MINUS_FUNCTION)) {
      return new KeyResult.Failed(Failure.MINUS_FUNCTION);
    }
    if (state.isKeyboardLocked() && phase.isFullSession()) {
      return new KeyResult.Failed(Failure.LOCKED);
    }
    if (phase == ConnectionPhase.NVT) {
      return new KeyResult.Failed(Failure.NOT_3270);
    }
    screen().eraseAndSetSize(false);
    if (phase.isFullSession()) {
      return sendAid(Aid.CLEAR);
    }
    return KeyResult.DONE;
  }

  /**
   * SysReq: in TN3270E (and SSCP-LU) mode asks for a telnet ABORT, whatever the lock; in TN3270
   * sends the SysReq AID like any AID key.
   */
  public KeyResult sysReq() {
    if (phase == ConnectionPhase.NVT) {
      return new KeyResult.Failed(Failure.NOT_3270);
    }
    if (phase.isTn3270e()) {
      return new KeyResult.SendTelnet(TelnetSignal.ABORT);
    }
    return aid(Aid.SYSREQ);
  }

  /**
   * Attn: asks for a telnet IP in TN3270E (and SSCP-LU) mode, a telnet BREAK in TN3270, whatever
   * the lock. Refused outside a 3270 session.
   */
  public KeyResult attn() {
    if (phase.isTn3270e()) {
      return new KeyResult.SendTelnet(TelnetSignal.INTERRUPT_PROCESS);
    }
    if (phase == ConnectionPhase.TN3270) {
      return new KeyResult.SendTelnet(TelnetSignal.BREAK);
    }
    return new KeyResult.Failed(
        phase == ConnectionPhase.NVT ? Failure.NOT_3270 : Failure.NOT_CONNECTED);
  }

  /**
   * An AID key (Enter, PF, PA, SysReq in TN3270): refused while locked ("X -f" refuses it too);
   * else insert mode goes off, the keyboard locks "X SYSTEM" until a WCC restores it, the AID
   * becomes the state's last AID, and the Read Modified bytes are returned. Clear goes through
   * {@link #clear()}. In SSCP-LU mode only Enter is valid (it sends without locking and moves the
   * cursor to the next row); other AIDs lock "X -f".
   */
  public KeyResult aid(Aid aid) {
    if (aid == Aid.CLEAR) {
      return clear();
    }
    if (aid == Aid.NONE
        || aid == Aid.STRUCTURED_FIELD
        || aid == Aid.READ_PARTITION
        || aid == Aid.SELECTOR_PEN) {
      return new KeyResult.Failed(Failure.INVALID_ARGUMENT);
    }
    KeyResult gate = phaseGate();
    if (gate != null) {
      return gate;
    }
    if (state.lockReasons().contains(LockReason.MINUS_FUNCTION)) {
      return new KeyResult.Failed(Failure.MINUS_FUNCTION);
    }
    if (state.isKeyboardLocked()) {
      return new KeyResult.Failed(Failure.LOCKED);
    }
    if (phase == ConnectionPhase.SSCP_LU) {
      if (aid != Aid.ENTER) {
        return operatorError(Failure.MINUS_FUNCTION);
      }
      ScreenBuffer s = screen();
      int row = s.cursor() / s.cols();
      if (row < s.rows() - 1) {
        s.setCursor((row + 1) * s.cols());
      }
      state.setLastAid(aid);
      return new KeyResult.SendAid(aid, encoder.encode(state, aid));
    }
    return sendAid(aid);
  }

  private KeyResult sendAid(Aid aid) {
    state.setInsertMode(false);
    state.lock(LockReason.SYSTEM);
    state.setLastAid(aid);
    return new KeyResult.SendAid(aid, encoder.encode(state, aid));
  }

  // ---------------------------------------------------------------- helpers

  private ScreenBuffer screen() {
    return state.screen();
  }

  private KeyResult operatorError(Failure failure) {
    state.lock(failure.lockReason());
    return new KeyResult.Failed(failure);
  }

  /** For keys x3270 queues while locked (Newline, Delete, BackSpace, MoveCursor...). */
  private KeyResult lockedOrNot3270() {
    if (state.isKeyboardLocked()) {
      return new KeyResult.Failed(Failure.LOCKED);
    }
    return phaseGate();
  }

  /**
   * x3270's OERR_CLEAR_OR_ENQ, for Tab, BackTab, Home, the arrows, EraseEOF and EraseInput: a
   * keyboard locked only by operator errors is unlocked and the key proceeds; any other lock
   * refuses it.
   */
  private KeyResult clearOperatorErrorOrRefuse() {
    Set<LockReason> locks = state.lockReasons();
    if (!locks.isEmpty()) {
      if (OERR.containsAll(locks)) {
        for (LockReason r : locks) {
          state.unlock(r);
        }
      } else {
        return new KeyResult.Failed(Failure.LOCKED);
      }
    }
    return phaseGate();
  }

  /**
   * x3270's next_unprotected: the first data position of the next unprotected, non-empty field,
   * looking from {@code from} itself (an unprotected attribute at {@code from} counts) and
   * wrapping; 0 when there is none or the screen is unformatted.
   */
  int nextUnprotected(int from) {
    ScreenBuffer s = screen();
    int n = s.size();
    int next = s.wrap(from);
    for (int i = 0; i < n; i++) {
      int baddr = next;
      next = next + 1 == n ? 0 : next + 1;
      if (s.isFieldAttribute(baddr)
          && !new FieldAttribute(s.fieldAttributeByte(baddr)).isProtected()
          && !s.isFieldAttribute(next)) {
        return next;
      }
    }
    return 0;
  }

  private void setMdt(int address) {
    ScreenBuffer s = screen();
    int faddr = s.fieldStart(address);
    if (faddr >= 0) {
      int fa = s.fieldAttributeByte(faddr);
      if ((fa & FieldAttribute.MDT) == 0) {
        s.setFieldAttributeByte(faddr, fa | FieldAttribute.MDT);
      }
    }
  }

  private void copyCell(int from, int to) {
    ScreenBuffer s = screen();
    s.setChar(
        to,
        s.charAt(from),
        s.charsetAt(from),
        s.foregroundAt(from),
        s.backgroundAt(from),
        s.highlightAt(from));
  }
}
