package dev.console3270.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.keyboard.ConnectionPhase;
import dev.console3270.protocol.keyboard.KeyResult;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.protocol.telnet.TelnetMode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facade: what goes in, what comes out, and what listeners hear. */
class TerminalTest {
  private static final HexFormat HEX = HexFormat.of();

  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final List<String> events = new ArrayList<>();

  private Terminal terminal(int model) {
    Terminal t =
        new Terminal(
            TerminalModel.of(model, true, true),
            CodePages.defaultPage(),
            new Terminal.Listener() {
              @Override
              public void send(byte[] bytes) {
                sent.write(bytes, 0, bytes.length);
              }

              @Override
              public void screenChanged(long version) {
                events.add("screen");
              }

              @Override
              public void oiaChanged() {
                events.add("oia");
              }

              @Override
              public void protocolError(ProtocolException error) {
                events.add("error:" + error.reason());
              }

              @Override
              public void modeChanged(TelnetMode mode) {
                events.add("mode:" + mode);
              }

              @Override
              public void alarm() {
                events.add("alarm");
              }
            });
    t.connected();
    return t;
  }

  /** Plain TN3270 negotiation as Hercules does it. */
  private static void negotiateTn3270(Terminal t) {
    t.receive(HEX.parseHex("fffd18"));
    t.receive(HEX.parseHex("fffa1801fff0"));
    t.receive(HEX.parseHex("fffd19fffb19fffd00fffb00"));
  }

  @Test
  void negotiatesTn3270AndAnswersWithTheModelsTerminalType() {
    Terminal t = terminal(2);
    negotiateTn3270(t);
    assertThat(HEX.formatHex(sent.toByteArray()))
        .startsWith("fffb18")
        .contains("fffa1800" + HEX.formatHex("IBM-3279-2-E".getBytes()) + "fff0");
    assertThat(t.telnet().mode()).isEqualTo(TelnetMode.TN3270);
    assertThat(t.keyboard().phase()).isEqualTo(ConnectionPhase.TN3270);
    assertThat(events).contains("mode:TN3270");
  }

  @Test
  void aWriteChangesTheScreenUnlocksAndAnEnterSendsReadModified() {
    Terminal t = terminal(2);
    negotiateTn3270(t);
    sent.reset();
    // EW, WCC restore+alarm, SF unprotected, "AB", IC
    t.receive(HEX.parseHex("f5c61d40c1c213ffef"));
    assertThat(ScreenText.ascii(t.snapshot(), CodePages.defaultPage()).get(0)).startsWith(" AB");
    assertThat(t.state().isKeyboardLocked()).isFalse();
    assertThat(events).contains("screen", "alarm");
    KeyResult typed = t.key(k -> k.type("X"));
    assertThat(typed.success()).isTrue();
    t.key(Keyboard::enter);
    // IC put the cursor after "AB" (address 3); "X" went there. Enter: AID, cursor 4, SBA to the
    // field's first data cell (1), its data "ABX", IAC EOR.
    assertThat(HEX.formatHex(sent.toByteArray())).isEqualTo("7d40c41140c1c1c2e7ffef");
    assertThat(t.state().isKeyboardLocked()).isTrue();
    assertThat(t.oia().lockIndicator()).isEqualTo("X SYSTEM");
  }

  @Test
  void malformedRecordIsReportedNotThrownAndCounted() {
    Terminal t = terminal(2);
    negotiateTn3270(t);
    t.receive(HEX.parseHex("f1c211ffef")); // SBA without its address
    assertThat(t.protocolErrors()).isEqualTo(1);
    assertThat(events).anyMatch(e -> e.startsWith("error:") && e.contains("SBA"));
    t.receive(HEX.parseHex("f5c2c1ffef"));
    assertThat(t.recordsApplied()).isEqualTo(1);
  }

  @Test
  void disconnectLocksTheKeyboardAndKeysFail() {
    Terminal t = terminal(2);
    negotiateTn3270(t);
    t.receive(HEX.parseHex("f5c2ffef"));
    t.disconnected();
    assertThat(t.state().lockReasons()).contains(LockReason.NOT_CONNECTED);
    assertThat(t.key(k -> k.type("A")).success()).isFalse();
    assertThat(t.keyboard().phase()).isEqualTo(ConnectionPhase.NOT_CONNECTED);
  }

  @Test
  void tlsFlagShowsInTheOia() {
    Terminal t = terminal(2);
    assertThat(t.oia().tls()).isFalse();
    t.setTls(true);
    assertThat(t.oia().tls()).isTrue();
  }

  @Test
  void tn3270eBindSetsTheAlternateSizeAndSscpLuDataIsShown() {
    Terminal t = terminal(4);
    // DO TN3270E; DEVICE-TYPE SEND
    t.receive(HEX.parseHex("fffd28fffa280802fff0"));
    // DEVICE-TYPE IS IBM-3278-4-E CONNECT LU1
    t.receive(
        HEX.parseHex(
            "fffa28020449424d2d333237382d342d4501" + HEX.formatHex("LU1".getBytes()) + "fff0"));
    // FUNCTIONS IS BIND-IMAGE RESPONSES SYSREQ
    t.receive(HEX.parseHex("fffa2803040002 04fff0".replace(" ", "")));
    assertThat(t.telnet().mode().isTn3270e()).isTrue();
    // SSCP-LU data: "HELLO"
    t.receive(HEX.parseHex("0700000000c8c5d3d3d6ffef"));
    assertThat(ScreenText.ascii(t.snapshot(), CodePages.defaultPage()).get(0)).startsWith("HELLO");
    assertThat(t.telnet().mode()).isEqualTo(TelnetMode.TN3270E_SSCP_LU);
  }
}
