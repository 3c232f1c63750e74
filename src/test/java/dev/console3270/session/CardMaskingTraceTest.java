package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.host.Customer;
import dev.console3270.host.DemoContent;
import dev.console3270.host.ScreenRenderer;
import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.codepage.CodePage;
import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.datastream.DataStreamProcessor;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.protocol.trace.TraceFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Card numbers never reach a trace file whole: EBCDIC data, both directions, annotations. */
class CardMaskingTraceTest {

  private static final CodePage CP = CodePages.get("bracket");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final TraceWriter.Header HEADER =
      new TraceWriter.Header("1", "3279-2-E", 24, 80, true, true, "bracket", "localhost", 3270);

  private static byte[] ebcdic(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < s.length(); i++) {
      b[i] = (byte) CP.toEbcdic(s.charAt(i));
    }
    return b;
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static String digitsHex(String card) {
    return hex(ebcdic(card.replace(" ", "").replace("-", "")));
  }

  /** The demo host's customer list screen, as the demo host renders it. */
  private static byte[] customerScreen(int page) {
    DemoContent content = DemoContent.load();
    Map<String, String> v = new HashMap<>();
    List<Customer> all = content.customers();
    for (int i = 0; i < 10; i++) {
      int k = page * 10 + i;
      v.put("row" + (i + 1), k < all.size() ? " " + all.get(k).row() : "");
    }
    v.put("page", "Page 1");
    v.put("message", "");
    return new ScreenRenderer(CP)
        .render(
            new ScreenRenderer.Display(content.screen("customers"), v, null, false), 24, 80, true);
  }

  private static byte[] record(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : data) {
      out.write(b);
      if ((b & 0xff) == 0xff) {
        out.write(b);
      }
    }
    out.write(0xff);
    out.write(0xef);
    return out.toByteArray();
  }

  @Test
  void contiguousAndGroupedNumbersAreMaskedToSixAndFour() {
    EbcdicCardMasker m = new EbcdicCardMasker(true);
    byte[] data =
        record(
            concat(
                new byte[] {(byte) 0xf5, (byte) 0xc3, 0x11, 0x40, 0x40},
                ebcdic("CARD 4111111111111111 AND 5555-5555-5555-4444 NOT 4111111111111112")));
    byte[] out = m.mask(data, 0, data.length);
    StringBuilder sb = new StringBuilder();
    for (int i = 5; i < out.length - 2; i++) {
      sb.append(CP.toUnicode(out[i] & 0xff));
    }
    String text = sb.toString();
    assertThat(text)
        .isEqualTo("CARD 411111******1111 AND 5555-55**-****-4444 NOT 4111111111111112");
    assertThat(m.maskedDigits()).isEqualTo(12);
    assertThat(out).hasSameSizeAs(data);
    // Command, WCC, SBA and framing untouched.
    assertThat(hex(out)).startsWith("f5c3114040").endsWith("ffef");
  }

  @Test
  void orderParametersThatLookLikeDigitsDoNotHideANumber() {
    // SBA whose address bytes are EBCDIC digits, then SF with attribute F0, SFE with a colour
    // F2, each directly followed by a card number.
    byte[] card = ebcdic("4111111111111111");
    byte[] data =
        record(
            concat(
                new byte[] {(byte) 0xf1, (byte) 0xc3, 0x11, (byte) 0xf1, (byte) 0xf5},
                card,
                new byte[] {0x1d, (byte) 0xf0},
                card,
                new byte[] {0x29, 0x02, (byte) 0xc0, (byte) 0xf0, 0x42, (byte) 0xf2},
                card,
                new byte[] {0x28, 0x42, (byte) 0xf4},
                card));
    byte[] out = new EbcdicCardMasker(true).mask(data, 0, data.length);
    assertThat(hex(out)).doesNotContain(hex(card));
    assertThat(hex(out)).contains("f1c311f1f5", "1df0", "2902c0f042f2", "2842f4");
    assertThat(countOf(hex(out), hex(ebcdic("411111******1111")))).isEqualTo(4);
  }

  @Test
  void telnetCommandsAndTn3270eHeadersAreNotData() {
    // IAC SB ... IAC SE holding digit-like bytes, a TN3270E header, then an EW with a number.
    byte[] data =
        concat(
            new byte[] {(byte) 0xff, (byte) 0xfa, 0x28, (byte) 0xf4, (byte) 0xf1},
            new byte[] {(byte) 0xff, (byte) 0xf0},
            record(
                concat(
                    new byte[] {0, 0, 0, 0, 1, (byte) 0xf5, (byte) 0xc3},
                    ebcdic("4111 1111 1111 1111"))));
    byte[] out = new EbcdicCardMasker(true).mask(data, 0, data.length);
    assertThat(hex(out)).startsWith("fffa28f4f1fff0000000000" + "1f5c3");
    assertThat(hex(out)).contains(hex(ebcdic("4111 11** **** 1111")));
  }

  @Test
  void clientRecordsSkipAidAndCursor() {
    // Enter (7D), cursor address F1 F5, SBA, typed card number.
    byte[] data =
        record(
            concat(
                new byte[] {0x7d, (byte) 0xf1, (byte) 0xf5, 0x11, 0x40, 0x5a},
                ebcdic("378282246310005")));
    byte[] out = new EbcdicCardMasker(false).mask(data, 0, data.length);
    assertThat(hex(out)).startsWith("7df1f511405a").contains(hex(ebcdic("378282*****0005")));
  }

  @Test
  void demoCustomerScreenTraceHoldsNoCardNumberAndStillReplays() throws Exception {
    DemoContent content = DemoContent.load();
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    byte[] page1 = record(customerScreen(0));
    byte[] page2 = record(customerScreen(1));
    byte[] typed =
        record(concat(new byte[] {0x7d, 0x40, 0x40, 0x11, 0x40, 0x40}, ebcdic("4012888888881881")));
    try (TraceWriter w = new TraceWriter(file, HEADER, true, CLOCK, Duration.ZERO)) {
      w.hostBytes(page1, 0, page1.length);
      w.clientBytes(typed, null);
      w.hostBytes(page2, 0, page2.length);
      w.note("operator pasted 6011 1111 1111 1117 into the notes");
    }
    String trace = file.toString(StandardCharsets.UTF_8);
    assertThat(trace).contains(" Card number masking: on");
    assertThat(trace).contains("operator pasted 6011 11** **** 1117");
    String flat = trace.replaceAll("(?m)^[<>] 0x[0-9a-f]+\\s+", "").replace("\n", "");
    int checked = 0;
    for (Customer c : content.customers()) {
      String card = c.card();
      assertThat(trace).doesNotContain(card.replace(" ", ""));
      assertThat(flat).as(card).doesNotContain(digitsHex(card));
      assertThat(flat).as(card).doesNotContain(hex(ebcdic(card)));
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(10);
    assertThat(flat).doesNotContain(digitsHex("4012888888881881"));

    // The trace parses back into the same bursts, same lengths, and the screen it draws shows
    // every card number of the first page masked.
    TraceFile back = TraceFile.parse(trace);
    assertThat(back.bursts()).hasSize(3);
    assertThat(back.bursts().get(0).data()).hasSameSizeAs(page1);
    assertThat(back.bursts().get(1).data()).hasSameSizeAs(typed);
    TerminalState state = new TerminalState(TerminalModel.of(2, true, true), CP);
    byte[] shown = back.bursts().get(0).data();
    new DataStreamProcessor(state).apply(shown, 0, shown.length - 2);
    String screen = String.join("\n", ScreenText.ascii(state.screen().snapshot(), CP));
    for (Customer c : content.customers().subList(0, 10)) {
      String card = c.card();
      String digits = card.replace(" ", "");
      StringBuilder expect = new StringBuilder();
      int index = 0;
      for (char ch : card.toCharArray()) {
        if (ch == ' ') {
          expect.append(' ');
        } else {
          expect.append(index >= 6 && index < digits.length() - 4 ? '*' : ch);
          index++;
        }
      }
      assertThat(screen).as(card).contains(expect.toString());
    }
  }

  @Test
  void maskingOffKeepsTheBytes() {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    byte[] page1 = record(customerScreen(0));
    try (TraceWriter w = new TraceWriter(file, HEADER, false, false, CLOCK, Duration.ZERO)) {
      assertThat(w.maskingCards()).isFalse();
      w.hostBytes(page1, 0, page1.length);
      w.note("4111 1111 1111 1111");
    }
    String trace = file.toString(StandardCharsets.UTF_8);
    assertThat(trace).doesNotContain("Card number masking");
    assertThat(trace).contains("4111 1111 1111 1111");
    assertThat(TraceFile.parse(trace).bursts().get(0).data()).isEqualTo(page1);
  }

  private static int countOf(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
