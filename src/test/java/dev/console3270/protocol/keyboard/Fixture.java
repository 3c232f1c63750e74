package dev.console3270.protocol.keyboard;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A 24x80 model-2 terminal with a keyboard in TN3270 mode whose Read Modified encoder is replaced
 * by a recorder: it returns {@code {aid}} and remembers each AID and the keyboard state it saw.
 */
final class Fixture {
  static final CodePage CP = CodePages.bracket();

  /** Unprotected, normal display. */
  static final int UNPROT = 0x40;

  /** Protected. */
  static final int PROT = 0x60;

  /** Protected + numeric: auto-skip. */
  static final int SKIP = 0xf0;

  /** Unprotected numeric. */
  static final int NUM = 0x50;

  final TerminalState state;
  final ScreenBuffer screen;
  final Keyboard kb;
  final List<Aid> sent = new ArrayList<>();
  final List<Boolean> lockedWhenEncoded = new ArrayList<>();

  Fixture() {
    this(TerminalModel.of(2, true, true));
  }

  Fixture(TerminalModel model) {
    state = new TerminalState(model, CP);
    screen = state.screen();
    kb =
        new Keyboard(
            state,
            (s, aid) -> {
              sent.add(aid);
              lockedWhenEncoded.add(s.isKeyboardLocked());
              return new byte[] {(byte) aid.code()};
            });
    kb.setPhase(ConnectionPhase.TN3270);
  }

  /** Puts a field attribute at an address. */
  Fixture field(int address, int attribute) {
    screen.setFieldAttribute(address, attribute);
    return this;
  }

  /** Writes text (through the code page) from an address, wrapping. */
  Fixture text(int address, String text) {
    for (int i = 0; i < text.length(); i++) {
      screen.setChar(screen.wrap(address + i), CP.toEbcdic(text.charAt(i)), 0, 0, 0, 0);
    }
    return this;
  }

  Fixture cursor(int address) {
    screen.setCursor(address);
    return this;
  }

  /**
   * The text of {@code length} cells from an address (wrapping): nulls as '.', attributes as '|',
   * other codes through the code page.
   */
  String read(int address, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int a = screen.wrap(address + i);
      if (screen.isFieldAttribute(a)) {
        b.append('|');
      } else if (screen.charAt(a) == 0) {
        b.append('.');
      } else {
        b.append(CP.toUnicode(screen.charAt(a)));
      }
    }
    return b.toString();
  }

  boolean mdt(int faAddress) {
    return (screen.fieldAttributeByte(faAddress) & 0x01) != 0;
  }
}
