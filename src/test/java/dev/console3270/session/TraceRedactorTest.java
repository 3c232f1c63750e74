package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.ReplyMode;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.datastream.InboundEncoder;
import dev.console3270.protocol.screen.ScreenBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TraceRedactorTest {

  private static final CodePage BRACKET = CodePages.bracket();

  /** Row 1: "User:" JOHN (MDT), row 2: "Password:" SECRET (non-display, MDT). */
  static TerminalState signOn() {
    TerminalState state = new TerminalState(TerminalModel.of(2, true, true), BRACKET);
    ScreenBuffer b = state.screen();
    put(b, 80, 0x20, "User:");
    put(b, 90, 0x01, "JOHN");
    b.setFieldAttribute(100, 0x20);
    put(b, 160, 0x20, "Password:");
    put(b, 170, 0x0d, "SECRET");
    b.setFieldAttribute(180, 0x20);
    b.setCursor(176);
    return state;
  }

  private static void put(ScreenBuffer b, int fa, int attribute, String text) {
    b.setFieldAttribute(fa, attribute);
    for (int i = 0; i < text.length(); i++) {
      b.setChar(fa + 1 + i, BRACKET.toEbcdic(text.charAt(i)), 0, 0, 0, 0);
    }
  }

  static byte[] ebcdic(String s) {
    byte[] out = new byte[s.length()];
    for (int i = 0; i < s.length(); i++) {
      out[i] = (byte) BRACKET.toEbcdic(s.charAt(i));
    }
    return out;
  }

  static int indexOf(byte[] data, byte[] part) {
    for (int i = 0; i + part.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void readModifiedHidesOnlyTheNonDisplayFieldKeepingLengths() {
    TerminalState state = signOn();
    byte[] rm = InboundEncoder.readModified(state, Aid.ENTER, false);
    int secret = indexOf(rm, ebcdic("SECRET"));
    assertThat(secret).isPositive();
    assertThat(indexOf(rm, ebcdic("JOHN"))).isPositive();

    byte[] red = TraceRedactor.redact(rm, false, state.screen().snapshot());

    assertThat(red).hasSameSizeAs(rm);
    assertThat(indexOf(red, ebcdic("SECRET"))).isEqualTo(-1);
    assertThat(Arrays.copyOfRange(red, secret, secret + 6)).containsOnly(0x5c);
    // Everything else (AID, cursor, SBAs, JOHN) unchanged.
    byte[] expected = rm.clone();
    Arrays.fill(expected, secret, secret + 6, (byte) 0x5c);
    assertThat(HexFormat.of().formatHex(red)).isEqualTo(HexFormat.of().formatHex(expected));
    // The input is not changed.
    assertThat(indexOf(rm, ebcdic("SECRET"))).isEqualTo(secret);
  }

  @Test
  void readModifiedAllAndTn3270eHeaderAreRedacted() {
    TerminalState state = signOn();
    byte[] rma = InboundEncoder.readModified(state, Aid.PA1, true);
    byte[] withHeader = new byte[rma.length + 5];
    System.arraycopy(rma, 0, withHeader, 5, rma.length);
    withHeader[4] = 7; // sequence number
    byte[] red = TraceRedactor.redact(withHeader, true, state.screen().snapshot());
    assertThat(red).hasSameSizeAs(withHeader);
    assertThat(indexOf(red, ebcdic("SECRET"))).isEqualTo(-1);
    assertThat(indexOf(red, ebcdic("JOHN"))).isPositive();
    assertThat(Arrays.copyOf(red, 5)).isEqualTo(Arrays.copyOf(withHeader, 5));
  }

  @Test
  void readBufferInFieldAndCharacterModeIsRedacted() {
    for (ReplyMode mode : new ReplyMode[] {ReplyMode.FIELD, ReplyMode.CHARACTER}) {
      TerminalState state = signOn();
      state.screen().setChar(176, 0xad, 0xf1, 0, 0, 0); // an APL character: GE + code
      state.setReplyMode(mode, new int[] {0x41, 0x42});
      byte[] rb = InboundEncoder.readBuffer(state, Aid.NONE);
      assertThat(indexOf(rb, ebcdic("SECRE"))).as(mode.toString()).isPositive();
      byte[] red = TraceRedactor.redact(rb, false, state.screen().snapshot());
      assertThat(red).hasSameSizeAs(rb);
      assertThat(indexOf(red, ebcdic("SECRE"))).as(mode.toString()).isEqualTo(-1);
      assertThat(indexOf(red, new byte[] {0x08, (byte) 0xad})).isEqualTo(-1);
      assertThat(indexOf(red, ebcdic("JOHN"))).isPositive();
      assertThat(indexOf(red, ebcdic("Password:"))).isPositive();
      int changed = 0;
      for (int i = 0; i < rb.length; i++) {
        if (rb[i] != red[i]) {
          changed++;
          assertThat(red[i]).isEqualTo((byte) 0x5c);
        }
      }
      // SECRE, the APL code after the GE (in place of T) and the three nulls up to the next field.
      assertThat(changed).as(mode.toString()).isEqualTo(9);
    }
  }

  @Test
  void recordsWithoutTypedDataAreLeftAlone() {
    TerminalState state = signOn();
    var snap = state.screen().snapshot();
    byte[] shortRead = {0x6c};
    assertThat(TraceRedactor.redact(shortRead, false, snap)).isEqualTo(shortRead);
    byte[] queryReply = HexFormat.of().parseHex("88000e81808081848586878895a1a6");
    assertThat(TraceRedactor.redact(queryReply, false, snap)).isEqualTo(queryReply);
    byte[] rm = InboundEncoder.readModified(state, Aid.ENTER, false);
    byte[] sscp = new byte[rm.length + 5];
    sscp[0] = 7; // SSCP-LU-DATA
    System.arraycopy(rm, 0, sscp, 5, rm.length);
    assertThat(TraceRedactor.redact(sscp, true, snap)).isEqualTo(sscp);
    assertThat(TraceRedactor.redact(rm, false, null)).isEqualTo(rm);
    TerminalState unformatted = new TerminalState(TerminalModel.of(2, true, true), BRACKET);
    byte[] data = {0x7d, 0x40, 0x40, (byte) 0xc1, (byte) 0xc2};
    assertThat(TraceRedactor.redact(data, false, unformatted.screen().snapshot())).isEqualTo(data);
  }

  @Test
  void arbitraryBytesNeverThrowAndKeepTheLength() {
    var snap = signOn().screen().snapshot();
    Random random = new Random(3270);
    for (int i = 0; i < 5000; i++) {
      byte[] data = new byte[random.nextInt(40)];
      random.nextBytes(data);
      if (data.length > 0 && random.nextBoolean()) {
        data[0] = 0x7d;
      }
      boolean header = random.nextBoolean();
      byte[] red = TraceRedactor.redact(data, header, snap);
      assertThat(red).hasSameSizeAs(data);
      for (int j = 0; j < data.length; j++) {
        if (red[j] != data[j]) {
          assertThat(red[j]).isEqualTo((byte) 0x5c);
        }
      }
    }
  }
}
