package dev.console3270.protocol.datastream;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.ScreenBuffer;

/**
 * Writes SSCP-LU data: a plain character stream, much simpler than a 3270 write. As a 3174 (and
 * x3270) does: NL fills the rest of the line with nulls and moves to the next line; an SF and its
 * attribute show as a blank; IC and SBA (with its address) are ignored; GE writes an APL character;
 * every other byte is written as a character. Running off the end of the screen scrolls it up a
 * line. Afterwards the cursor is at the next write position and the keyboard is unlocked.
 */
public final class SscpLuWriter {
  private static final int NL = 0x15;
  private static final int SF = 0x1d;
  private static final int IC = 0x13;
  private static final int SBA = 0x11;
  private static final int GE = 0x08;

  private final TerminalState state;

  public SscpLuWriter(TerminalState state) {
    this.state = state;
  }

  /** Writes {@code length} bytes of SSCP-LU data at the cursor. Never fails. */
  public void write(byte[] data, int offset, int length) {
    ScreenBuffer screen = state.screen();
    int cols = screen.cols();
    int address = screen.cursor();
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      int b = data[i] & 0xff;
      switch (b) {
        case NL -> {
          int row = address / cols;
          while (address / cols == row) {
            screen.setChar(address, 0, Attributes.CS_DEFAULT, 0, 0, 0);
            address = next(screen, address);
            if (address == 0) {
              break;
            }
          }
          address = scrollIfWrapped(screen, address);
        }
        case SF -> {
          i++;
          address = put(screen, address, 0x40, Attributes.CS_DEFAULT);
        }
        case IC -> {
          // ignored: some hosts forget they are talking SSCP-LU
        }
        case SBA -> i += 2;
        case GE -> {
          i++;
          if (i < end) {
            int c = data[i] & 0xff;
            address = put(screen, address, c <= 0x40 ? 0x40 : c, Attributes.CS_APL);
          }
        }
        default -> address = put(screen, address, b, Attributes.CS_DEFAULT);
      }
    }
    screen.setCursor(address);
    screen.touch();
    state.setLastAid(Aid.NONE);
    state.restoreKeyboard();
  }

  private static int put(ScreenBuffer screen, int address, int code, int charset) {
    screen.setChar(address, code, charset, 0, 0, 0);
    return scrollIfWrapped(screen, next(screen, address));
  }

  private static int next(ScreenBuffer screen, int address) {
    return address + 1 == screen.size() ? 0 : address + 1;
  }

  private static int scrollIfWrapped(ScreenBuffer screen, int address) {
    if (address == 0) {
      screen.scrollUp();
      return (screen.rows() - 1) * screen.cols();
    }
    return address;
  }
}
