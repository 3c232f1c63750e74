package dev.console3270.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.ScreenSnapshot;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The whole core under hostile input: random byte streams (raw, and after a real TN3270E
 * negotiation so they reach the data stream), split into random chunks, interleaved with operator
 * keys. {@link Terminal} never throws; errors arrive only as {@link ProtocolException}s through the
 * listener; the screen stays consistent.
 */
class TerminalPropertiesTest {

  /** The host side of a TN3270 negotiation (DO TERMINAL-TYPE ... DO/WILL BINARY, EOR). */
  private static final byte[] NEGOTIATE = {
    (byte) 0xff,
    (byte) 0xfd,
    0x18,
    (byte) 0xff,
    (byte) 0xfa,
    0x18,
    0x01,
    (byte) 0xff,
    (byte) 0xf0,
    (byte) 0xff,
    (byte) 0xfd,
    0x19,
    (byte) 0xff,
    (byte) 0xfb,
    0x19,
    (byte) 0xff,
    (byte) 0xfd,
    0x00,
    (byte) 0xff,
    (byte) 0xfb,
    0x00
  };

  @Provide
  Arbitrary<byte[]> hostBytes() {
    Arbitrary<Byte> interesting =
        Arbitraries.of(
                0xff, 0xef, 0xfa, 0xf0, 0x11, 0x1d, 0x29, 0x28, 0x2c, 0x13, 0x05, 0x3c, 0x12, 0x08,
                0xf1, 0xf5, 0x7e, 0xf3, 0x01, 0x40)
            .map(Integer::byteValue);
    Arbitrary<Byte> any = Arbitraries.bytes();
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, interesting), net.jqwik.api.Tuple.of(2, any))
        .array(byte[].class)
        .ofMaxSize(2000);
  }

  @Property(tries = 300)
  void randomHostBytesNeverEscapeAsExceptions(
      @ForAll("hostBytes") byte[] data,
      @ForAll boolean negotiateFirst,
      @ForAll @IntRange(min = 1, max = 64) int chunk,
      @ForAll @IntRange(min = 2, max = 5) int modelNumber) {
    List<ProtocolException> errors = new ArrayList<>();
    Terminal terminal =
        new Terminal(
            TerminalModel.of(modelNumber, true, true),
            CodePages.defaultPage(),
            new Terminal.Listener() {
              @Override
              public void send(byte[] bytes) {}

              @Override
              public void protocolError(ProtocolException error) {
                errors.add(error);
              }
            });
    terminal.connected();
    if (negotiateFirst) {
      terminal.receive(NEGOTIATE);
    }
    for (int i = 0; i < data.length; i += chunk) {
      int n = Math.min(chunk, data.length - i);
      int consumed = terminal.receive(data, i, n);
      assertThat(consumed).isBetween(0, n);
      if (consumed < n) {
        break; // START-TLS FOLLOWS: the rest would be TLS
      }
      if ((i / chunk) % 7 == 3) {
        terminal.key(Keyboard::reset);
        terminal.key(k -> k.type("AB1"));
        terminal.key(Keyboard::tab);
        terminal.key(Keyboard::enter);
      }
    }
    ScreenSnapshot s = terminal.snapshot();
    assertThat(s.cursor()).isBetween(0, s.size() - 1);
    assertThat(s.size()).isLessThanOrEqualTo(TerminalModel.MAX_CELLS);
    assertThat(errors).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
  }
}
