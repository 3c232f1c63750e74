package dev.console3270.protocol.datastream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.ReplyMode;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.screen.Attributes;
import dev.console3270.protocol.screen.BufferAddress;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the inbound encodings on random screens. */
class InboundEncoderPropertiesTest {

  /** One random cell: a field attribute (attr >= 0) or a character. */
  record Cell(int address, int attr, int code, boolean apl) {}

  @Provide
  Arbitrary<List<Cell>> cells() {
    Arbitrary<Cell> cell =
        Combinators.combine(
                Arbitraries.integers().between(0, 1919),
                Arbitraries.integers().between(-3, 255).map(a -> a < 0 ? -1 : a),
                Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 9).map(i -> i == 0))
            .as(Cell::new);
    return cell.list().ofMaxSize(60);
  }

  private static TerminalState build(List<Cell> cells) {
    TerminalState st = new TerminalState(TerminalModel.of(2, true, true), null);
    ScreenBuffer s = st.screen();
    for (Cell c : cells) {
      if (c.attr() >= 0) {
        s.setFieldAttribute(c.address(), c.attr());
      } else {
        s.setChar(c.address(), c.code(), c.apl() ? Attributes.CS_APL : 0, 0, 0, 0);
      }
    }
    return st;
  }

  /** Field-mode Read Buffer: one byte per cell, plus one per SF and one per GE. */
  @Property
  void readBufferSizeInFieldMode(@ForAll("cells") List<Cell> cells) {
    TerminalState st = build(cells);
    ScreenBuffer s = st.screen();
    int extra = 0;
    for (int a = 0; a < s.size(); a++) {
      if (s.isFieldAttribute(a) || s.charsetAt(a) == Attributes.CS_APL) {
        extra++;
      }
    }
    assertThat(InboundEncoder.readBuffer(st, Aid.ENTER)).hasSize(3 + s.size() + extra);
  }

  /**
   * Read Modified: walking the answer, every SBA names the cell after a modified field attribute,
   * in buffer order from the first attribute, and the data after it is that field's non-null
   * characters.
   */
  @Property
  void readModifiedSendsEveryModifiedFieldsNonNullData(@ForAll("cells") List<Cell> cells) {
    TerminalState st = build(cells);
    st.setReplyMode(ReplyMode.EXTENDED_FIELD, new int[0]);
    ScreenBuffer s = st.screen();
    byte[] rm = InboundEncoder.readModified(st, Aid.ENTER, false);
    StringBuilder expected = new StringBuilder("7d4040");
    int first = -1;
    for (int a = 0; a < s.size() && first < 0; a++) {
      if (s.isFieldAttribute(a)) {
        first = a;
      }
    }
    if (first < 0) {
      for (int a = 0; a < s.size(); a++) {
        appendChar(expected, s, a);
      }
    } else {
      int fa = first;
      do {
        int next = s.nextFieldAttribute(fa);
        if ((s.fieldAttributeByte(fa) & 1) != 0) {
          int start = (fa + 1) % s.size();
          expected.append(String.format("11%04x", BufferAddress.encode(start, s.size())));
          for (int a = start; a != next; a = (a + 1) % s.size()) {
            appendChar(expected, s, a);
          }
        }
        fa = next;
      } while (fa != first);
    }
    assertThat(java.util.HexFormat.of().formatHex(rm)).isEqualTo(expected.toString());
  }

  private static void appendChar(StringBuilder b, ScreenBuffer s, int a) {
    if (s.charAt(a) != 0) {
      if (s.charsetAt(a) == Attributes.CS_APL) {
        b.append("08");
      }
      b.append(String.format("%02x", s.charAt(a)));
    }
  }
}
