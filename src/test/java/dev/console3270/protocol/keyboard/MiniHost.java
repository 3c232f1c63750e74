package dev.console3270.protocol.keyboard;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.FieldAttribute;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only stand-ins for the data stream work the keyboard tests need to replay traces: a telnet
 * record splitter, a small outbound Write processor (W, EW, EWA, WSF Outbound 3270DS; SBA, SF, SFE,
 * SA, IC, RA, EUA, GE, MF, PT) and a field-mode Read Modified encoder. Not the product's data
 * stream code: just enough to set up screens from real host bytes and to compare what the keyboard
 * leaves on the screen with what x3270 sent.
 */
final class MiniHost {
  private MiniHost() {}

  /** Splits telnet bytes into records ending in IAC EOR, across calls. */
  static final class Records {
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private int state; // 0 data, 1 after IAC, 2 in SB, 3 in SB after IAC, 4 skip option byte

    List<byte[]> feed(byte[] bytes) {
      List<byte[]> out = new ArrayList<>();
      for (byte x : bytes) {
        int b = x & 0xff;
        switch (state) {
          case 0 -> {
            if (b == 0xff) {
              state = 1;
            } else {
              current.write(b);
            }
          }
          case 1 -> {
            if (b == 0xff) {
              current.write(b);
              state = 0;
            } else if (b == 0xef) {
              out.add(current.toByteArray());
              current.reset();
              state = 0;
            } else if (b == 0xfa) {
              state = 2;
            } else if (b >= 0xfb) {
              state = 4;
            } else {
              state = 0;
            }
          }
          case 2 -> state = b == 0xff ? 3 : 2;
          case 3 -> state = b == 0xf0 ? 0 : 2;
          default -> state = 0;
        }
      }
      return out;
    }
  }

  /** Applies one 3270 outbound record (command byte first) to the state. */
  static void apply(TerminalState st, byte[] rec) {
    if (rec.length == 0) {
      return;
    }
    int cmd = rec[0] & 0xff;
    switch (cmd) {
      case 0x01, 0xf1 -> write(st, rec, 1, rec.length, false, false);
      case 0x05, 0xf5 -> write(st, rec, 1, rec.length, true, false);
      case 0x0d, 0x7e -> write(st, rec, 1, rec.length, true, true);
      case 0x11, 0xf3 -> {
        int i = 1;
        while (i + 2 < rec.length) {
          int len = ((rec[i] & 0xff) << 8) | (rec[i + 1] & 0xff);
          int end = len == 0 ? rec.length : Math.min(rec.length, i + len);
          if ((rec[i + 2] & 0xff) == 0x40 && i + 4 < end) {
            int inner = rec[i + 4] & 0xff;
            boolean erase = inner == 0xf5 || inner == 0x05 || inner == 0x7e || inner == 0x0d;
            boolean alt = inner == 0x7e || inner == 0x0d;
            if (inner == 0xf1 || inner == 0x01 || erase) {
              write(st, rec, i + 5, end, erase, alt);
            }
          }
          i = end;
        }
      }
      default -> {
        // reads and EAU are not needed by the replays
      }
    }
  }

  private static void write(
      TerminalState st, byte[] rec, int start, int end, boolean erase, boolean alt) {
    ScreenBuffer s = st.screen();
    if (erase) {
      s.eraseAndSetSize(alt);
    }
    if (start >= end) {
      return;
    }
    int wcc = rec[start] & 0xff;
    if ((wcc & 0x01) != 0) {
      for (int a = 0; a < s.size(); a++) {
        if (s.isFieldAttribute(a)) {
          s.setFieldAttributeByte(a, s.fieldAttributeByte(a) & ~FieldAttribute.MDT);
        }
      }
    }
    int addr = s.cursor();
    int n = s.size();
    boolean lastWasData = false;
    int i = start + 1;
    while (i < end) {
      int b = rec[i++] & 0xff;
      switch (b) {
        case 0x11 -> {
          addr = BufferAddress.decode(rec[i] & 0xff, rec[i + 1] & 0xff) % n;
          i += 2;
          lastWasData = false;
        }
        case 0x1d -> {
          s.setFieldAttribute(addr, rec[i++] & 0xff);
          addr = (addr + 1) % n;
          lastWasData = false;
        }
        case 0x29 -> {
          int count = rec[i++] & 0xff;
          s.setFieldAttribute(addr, 0);
          for (int k = 0; k < count; k++) {
            int type = rec[i++] & 0xff;
            int value = rec[i++] & 0xff;
            if (type == Attributes.TYPE_FIELD) {
              s.setFieldAttributeByte(addr, value);
            } else {
              s.setExtendedAttribute(addr, type, value);
            }
          }
          addr = (addr + 1) % n;
          lastWasData = false;
        }
        case 0x2c -> {
          int count = rec[i++] & 0xff;
          for (int k = 0; k < count; k++) {
            int type = rec[i++] & 0xff;
            int value = rec[i++] & 0xff;
            if (s.isFieldAttribute(addr) && type == Attributes.TYPE_FIELD) {
              s.setFieldAttributeByte(addr, value);
            }
          }
          addr = (addr + 1) % n;
          lastWasData = false;
        }
        case 0x28 -> {
          i += 2;
          lastWasData = false;
        }
        case 0x13 -> {
          s.setCursor(addr);
          lastWasData = false;
        }
        case 0x3c -> {
          int stop = BufferAddress.decode(rec[i] & 0xff, rec[i + 1] & 0xff) % n;
          i += 2;
          int cs = 0;
          int c = rec[i++] & 0xff;
          if (c == 0x08) {
            cs = Attributes.CS_APL;
            c = rec[i++] & 0xff;
          }
          do {
            s.setChar(addr, c, cs, 0, 0, 0);
            addr = (addr + 1) % n;
          } while (addr != stop);
          lastWasData = true;
        }
        case 0x12 -> {
          int stop = BufferAddress.decode(rec[i] & 0xff, rec[i + 1] & 0xff) % n;
          i += 2;
          do {
            if (!s.isProtectedAt(addr)) {
              s.setCharCode(addr, 0, 0);
            }
            addr = (addr + 1) % n;
          } while (addr != stop);
          lastWasData = false;
        }
        case 0x05 -> {
          if (lastWasData) {
            while (addr != 0 && !s.isFieldAttribute(addr)) {
              s.setCharCode(addr, 0, 0);
              addr = (addr + 1) % n;
            }
          }
          int a = addr;
          do {
            int next = (a + 1) % n;
            if (s.isFieldAttribute(a)
                && !new FieldAttribute(s.fieldAttributeByte(a)).isProtected()
                && !s.isFieldAttribute(next)) {
              break;
            }
            a = next;
          } while (a != 0);
          addr = a == 0 ? 0 : (a + 1) % n;
          lastWasData = false;
        }
        case 0x08 -> {
          s.setChar(addr, rec[i++] & 0xff, Attributes.CS_APL, 0, 0, 0);
          addr = (addr + 1) % n;
          lastWasData = true;
        }
        default -> {
          s.setChar(addr, b, 0, 0, 0, 0);
          addr = (addr + 1) % n;
          lastWasData = true;
        }
      }
    }
    if ((wcc & 0x02) != 0) {
      st.restoreKeyboard();
      st.setInsertMode(false);
    }
    s.touch();
  }

  /** A field-mode Read Modified reply as x3270 builds it (no character attributes). */
  static byte[] readModified(TerminalState st, Aid aid) {
    ScreenBuffer s = st.screen();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(aid.code());
    if (aid.isShortRead()) {
      return out.toByteArray();
    }
    int n = s.size();
    writeAddress(out, s.cursor(), n);
    if (!s.isFormatted()) {
      for (int a = 0; a < n; a++) {
        writeChar(out, s, a);
      }
      return out.toByteArray();
    }
    for (int fa = 0; fa < n; fa++) {
      if (s.isFieldAttribute(fa) && (s.fieldAttributeByte(fa) & FieldAttribute.MDT) != 0) {
        out.write(0x11);
        int a = (fa + 1) % n;
        writeAddress(out, a, n);
        while (!s.isFieldAttribute(a)) {
          writeChar(out, s, a);
          a = (a + 1) % n;
        }
      }
    }
    return out.toByteArray();
  }

  private static void writeChar(ByteArrayOutputStream out, ScreenBuffer s, int a) {
    int c = s.charAt(a);
    if (c != 0) {
      if (s.charsetAt(a) == Attributes.CS_APL) {
        out.write(0x08);
      }
      out.write(c);
    }
  }

  private static void writeAddress(ByteArrayOutputStream out, int address, int size) {
    int code = BufferAddress.encode(address, size);
    out.write(code >> 8);
    out.write(code & 0xff);
  }
}
