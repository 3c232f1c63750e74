package dev.console3270.protocol.datastream;

import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.ScreenBuffer;

/**
 * TEST-ONLY: a minimal interpreter of a 3270 Write / Erase Write / Erase Write Alternate command
 * (orders SBA, SF, SFE, SA, IC, GE and data), enough to rebuild the screens of the traces used here
 * the way x3270 stores them: a character takes the character set of the last SA, or when that is
 * the default, the character set of its field; GE marks the APL set. Not a data-stream processor:
 * no RA, EUA, MF, PT, DBCS, no validation.
 */
final class InboundTestWriter {
  private InboundTestWriter() {}

  static void apply(TerminalState state, byte[] cmd) {
    ScreenBuffer s = state.screen();
    int command = cmd[0] & 0xff;
    if (command == 0xf5 || command == 0x05) {
      s.eraseAndSetSize(false);
    } else if (command == 0x7e || command == 0x0d) {
      s.eraseAndSetSize(true);
    }
    int wcc = cmd[1] & 0xff;
    if ((wcc & 0x01) != 0) {
      for (int a = 0; a < s.size(); a++) {
        if (s.isFieldAttribute(a)) {
          s.setFieldAttributeByte(a, s.fieldAttributeByte(a) & ~0x01);
        }
      }
    }
    int addr = s.cursor();
    int fg = 0;
    int bg = 0;
    int hl = 0;
    int cs = 0;
    int i = 2;
    while (i < cmd.length) {
      int b = cmd[i] & 0xff;
      switch (b) {
        case 0x11 -> {
          addr = BufferAddress.decode(cmd[i + 1] & 0xff, cmd[i + 2] & 0xff) % s.size();
          i += 3;
        }
        case 0x1d -> {
          s.setFieldAttribute(addr, cmd[i + 1] & 0xff);
          addr = (addr + 1) % s.size();
          i += 2;
        }
        case 0x29 -> {
          int n = cmd[i + 1] & 0xff;
          int at = addr;
          s.setFieldAttribute(at, 0);
          for (int k = 0; k < n; k++) {
            int type = cmd[i + 2 + 2 * k] & 0xff;
            int value = cmd[i + 3 + 2 * k] & 0xff;
            if (type == Attributes.TYPE_FIELD) {
              s.setFieldAttributeByte(at, value);
            } else {
              s.setExtendedAttribute(at, type, value);
            }
          }
          addr = (addr + 1) % s.size();
          i += 2 + 2 * n;
        }
        case 0x28 -> {
          int type = cmd[i + 1] & 0xff;
          int value = cmd[i + 2] & 0xff;
          switch (type) {
            case 0x00 -> {
              fg = 0;
              bg = 0;
              hl = 0;
              cs = 0;
            }
            case Attributes.TYPE_FOREGROUND -> fg = value;
            case Attributes.TYPE_BACKGROUND -> bg = value;
            case Attributes.TYPE_HIGHLIGHT -> hl = value;
            case Attributes.TYPE_CHARSET -> cs = value;
            default -> {}
          }
          i += 3;
        }
        case 0x13 -> {
          s.setCursor(addr);
          i++;
        }
        case 0x08 -> {
          s.setChar(addr, cmd[i + 1] & 0xff, Attributes.CS_APL, fg, bg, hl);
          addr = (addr + 1) % s.size();
          i += 2;
        }
        default -> {
          int field = s.fieldStart(addr);
          int charset = cs != 0 ? cs : field >= 0 ? s.charsetAt(field) : 0;
          s.setChar(addr, b, charset, fg, bg, hl);
          addr = (addr + 1) % s.size();
          i++;
        }
      }
    }
  }
}
