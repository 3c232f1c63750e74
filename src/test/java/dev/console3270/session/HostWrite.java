package dev.console3270.session;

import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.datastream.DataStreamProcessor;
import dev.console3270.protocol.keyboard.ConnectionPhase;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.BufferAddress;
import java.io.ByteArrayOutputStream;

/**
 * Builds an Erase/Write record (command, WCC restoring the keyboard, orders) as a host sends it,
 * and applies it through the real data stream processor to a 24x80 colour terminal.
 */
final class HostWrite {
  static final CodePage CP = CodePages.bracket();
  static final int ROWS = 24;
  static final int COLS = 80;

  /** Unprotected, normal display. */
  static final int UNPROT = 0x40;

  /** Unprotected, intensified. */
  static final int UNPROT_BRIGHT = 0xc8;

  /** Unprotected, non-display. */
  static final int HIDDEN = 0x4c;

  /** Protected, normal. */
  static final int PROT = 0x60;

  /** Protected, intensified. */
  static final int PROT_BRIGHT = 0xe8;

  /** Protected, numeric: auto-skip. */
  static final int SKIP = 0xf0;

  /** Unprotected numeric. */
  static final int NUM = 0x50;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  HostWrite() {
    out.write(0xf5); // Erase/Write (SNA code)
    out.write(0xc3); // WCC: restore keyboard, reset MDT
  }

  /** Set Buffer Address to a 0-origin row and column. */
  HostWrite at(int row, int col) {
    int code = BufferAddress.encode(row * COLS + col, ROWS * COLS);
    out.write(0x11);
    out.write(code >> 8);
    out.write(code & 0xff);
    return this;
  }

  /** Start Field. */
  HostWrite field(int attribute) {
    out.write(0x1d);
    out.write(attribute);
    return this;
  }

  /** Start Field Extended: the field attribute plus (type, value) pairs. */
  HostWrite fieldExtended(int attribute, int... typeValue) {
    out.write(0x29);
    out.write(1 + typeValue.length / 2);
    out.write(0xc0);
    out.write(attribute);
    for (int v : typeValue) {
      out.write(v);
    }
    return this;
  }

  /** Set Attribute (character attribute for what follows). */
  HostWrite setAttribute(int type, int value) {
    out.write(0x28);
    out.write(type);
    out.write(value);
    return this;
  }

  /** Text through the code page. */
  HostWrite text(String s) {
    for (int i = 0; i < s.length(); i++) {
      out.write(CP.toEbcdic(s.charAt(i)));
    }
    return this;
  }

  /** Insert Cursor here. */
  HostWrite cursor() {
    out.write(0x13);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /** A new terminal state with this record applied. */
  TerminalState apply() {
    TerminalState state = new TerminalState(TerminalModel.of(2, true, true), CP);
    byte[] b = bytes();
    try {
      new DataStreamProcessor(state).apply(b, 0, b.length);
    } catch (ProtocolException e) {
      throw new IllegalStateException(e);
    }
    return state;
  }

  /** A keyboard in 3270 mode on a new state with this record applied. */
  Keyboard keyboard() {
    Keyboard kb = new Keyboard(apply());
    kb.setPhase(ConnectionPhase.TN3270);
    return kb;
  }
}
