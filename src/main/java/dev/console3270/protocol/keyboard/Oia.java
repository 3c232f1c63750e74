package dev.console3270.protocol.keyboard;

import dev.console3270.protocol.LockReason;
import dev.console3270.protocol.TerminalState;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Operator Information Area: what the status line below the screen shows.
 *
 * @param phase the session phase
 * @param luName the LU name the session is bound to, or "" when none
 * @param lockReason the lock reason to show ({@link TerminalState#primaryLockReason()}), or null
 * @param insertMode insert mode is on
 * @param cursorAddress the cursor's buffer address (0-origin)
 * @param cursorRow the cursor row, 0-origin
 * @param cursorColumn the cursor column, 0-origin
 * @param tls the connection is encrypted
 */
public record Oia(
    ConnectionPhase phase,
    String luName,
    LockReason lockReason,
    boolean insertMode,
    int cursorAddress,
    int cursorRow,
    int cursorColumn,
    boolean tls) {

  public Oia {
    luName = luName == null ? "" : luName;
  }

  /** The OIA of a terminal state in a session phase. */
  public static Oia of(TerminalState state, ConnectionPhase phase, String luName, boolean tls) {
    int cursor = state.screen().cursor();
    int cols = state.screen().cols();
    return new Oia(
        phase,
        luName,
        state.primaryLockReason(),
        state.isInsertMode(),
        cursor,
        cursor / cols,
        cursor % cols,
        tls);
  }

  /** The cursor row as shown, 1-origin. */
  public int displayRow() {
    return cursorRow + 1;
  }

  /** The cursor column as shown, 1-origin. */
  public int displayColumn() {
    return cursorColumn + 1;
  }

  /** The keyboard lock indicator ("X SYSTEM", "X PROT", ...), or "" when unlocked. */
  public String lockIndicator() {
    return lockReason == null ? "" : lockReason.indicator();
  }

  /** True when the keyboard is locked. */
  public boolean locked() {
    return lockReason != null;
  }

  /**
   * The status line as text, laid out roughly like c3270's: column 0 {@code 4}, column 1 {@code A}
   * (TN3270) or {@code B} (TN3270E), column 2 {@code N} (NVT), {@code S} (SSCP-LU) or {@code ?} (no
   * 3270 session yet), from column 8 the lock indicator, {@code I} for insert mode at width-30,
   * {@code S} for TLS at width-28, the LU name at width-25, and the cursor as {@code rrr/ccc}
   * (1-origin) in the last 7 columns.
   *
   * @param width the line width (at least 40; the screen's columns)
   */
  public String statusLine(int width) {
    int w = Math.max(40, width);
    char[] line = new char[w];
    Arrays.fill(line, ' ');
    line[0] = '4';
    line[1] =
        switch (phase) {
          case TN3270 -> 'A';
          case TN3270E, SSCP_LU -> 'B';
          default -> ' ';
        };
    line[2] =
        switch (phase) {
          case NVT -> 'N';
          case SSCP_LU -> 'S';
          case TN3270, TN3270E -> ' ';
          default -> '?';
        };
    put(line, 8, lockIndicator(), w - 31 - 8);
    if (insertMode) {
      line[w - 30] = 'I';
    }
    if (tls) {
      line[w - 28] = 'S';
    }
    put(line, w - 25, luName, 16);
    put(line, w - 7, String.format(Locale.ROOT, "%03d/%03d", displayRow(), displayColumn()), 7);
    return new String(line);
  }

  private static void put(char[] line, int at, String text, int max) {
    int n = Math.min(Math.min(text.length(), max), line.length - at);
    text.getChars(0, Math.max(0, n), line, at);
  }
}
