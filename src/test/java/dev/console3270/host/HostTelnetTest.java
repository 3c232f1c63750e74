package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Server-side negotiation, with the client's bytes taken from an s3270 4.1 trace. */
class HostTelnetTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static String out(HostTelnet t) {
    return HexFormat.of().formatHex(t.takeOutput());
  }

  private static List<byte[]> feed(HostTelnet t, String hex) throws ClientDataException {
    byte[] b = hex(hex);
    return t.receive(b, 0, b.length);
  }

  private static HostTelnet tn3270e() throws ClientDataException {
    HostTelnet t = new HostTelnet(() -> "ALPHA001");
    assertThat(out(t)).isEqualTo("fffd28"); // DO TN3270E
    feed(t, "fffb28"); // WILL TN3270E
    assertThat(out(t)).isEqualTo("fffa280802fff0"); // SEND DEVICE-TYPE
    feed(t, "fffa28020749424d2d333237382d352d45fff0"); // DEVICE-TYPE REQUEST IBM-3278-5-E
    // DEVICE-TYPE IS IBM-3278-5-E CONNECT ALPHA001
    assertThat(out(t)).isEqualTo("fffa28020449424d2d333237382d352d4501414c504841303031fff0");
    assertThat(t.ready()).isFalse();
    feed(t, "fffa280307000204fff0"); // FUNCTIONS REQUEST BIND-IMAGE RESPONSES SYSREQ
    assertThat(out(t)).isEqualTo("fffa28030402fff0"); // FUNCTIONS IS RESPONSES
    return t;
  }

  @Test
  void negotiatesTn3270eAsS3270Expects() throws ClientDataException {
    HostTelnet t = tn3270e();
    assertThat(t.ready()).isTrue();
    assertThat(t.tn3270e()).isTrue();
    assertThat(t.terminalType()).isEqualTo("IBM-3278-5-E");
    assertThat(t.deviceName()).isEqualTo("ALPHA001");
  }

  @Test
  void tn3270eRecordsCarryTheHeaderBothWays() throws ClientDataException {
    HostTelnet t = tn3270e();
    assertThat(HexFormat.of().formatHex(t.frame(hex("f5c3ff"))))
        .isEqualTo("0000000000" + "f5c3ffff" + "ffef");
    assertThat(HexFormat.of().formatHex(t.frame(hex("f1"))))
        .isEqualTo("0000000001" + "f1" + "ffef");
    List<byte[]> records = feed(t, "00000000017d4b6e114b6dffffc1ffef" + "0200000001" + "00ffef");
    assertThat(records).hasSize(1); // the RESPONSE record is dropped
    assertThat(HexFormat.of().formatHex(records.get(0))).isEqualTo("7d4b6e114b6dffc1");
  }

  @Test
  void requestedDeviceNameIsGranted() throws ClientDataException {
    HostTelnet t = new HostTelnet(() -> "UNUSED");
    feed(t, "fffb28");
    t.takeOutput();
    // DEVICE-TYPE REQUEST IBM-3279-2-E CONNECT LU1
    feed(t, "fffa28020749424d2d333237392d322d4501" + "4c5531" + "fff0");
    assertThat(out(t)).endsWith("014c5531fff0");
    assertThat(t.deviceName()).isEqualTo("LU1");
  }

  @Test
  void unknownDeviceTypeIsRejected() throws ClientDataException {
    HostTelnet t = new HostTelnet(() -> "X");
    feed(t, "fffb28");
    t.takeOutput();
    feed(t, "fffa2802075654313030fff0"); // REQUEST VT100
    assertThat(out(t)).isEqualTo("fffa28020605" + "04" + "fff0"); // REJECT REASON INV-DEVICE-TYPE
    assertThat(t.ready()).isFalse();
  }

  @Test
  void fallsBackToTn3270WhenTheClientRefusesTn3270e() throws ClientDataException {
    HostTelnet t = new HostTelnet(() -> "X");
    t.takeOutput();
    feed(t, "fffc28"); // WONT TN3270E
    assertThat(out(t)).isEqualTo("fffd18"); // DO TERMINAL-TYPE
    feed(t, "fffb18"); // WILL TERMINAL-TYPE
    assertThat(out(t)).isEqualTo("fffa1801fff0"); // SB TERMINAL-TYPE SEND
    feed(t, "fffa180049424d2d333237382d32fff0"); // IS IBM-3278-2
    assertThat(out(t)).isEqualTo("fffd19" + "fffb19" + "fffd00" + "fffb00");
    assertThat(t.ready()).isFalse();
    feed(t, "fffb19fffd19fffb00fffd00"); // WILL EOR, DO EOR, WILL BINARY, DO BINARY
    assertThat(out(t)).isEmpty();
    assertThat(t.ready()).isTrue();
    assertThat(t.tn3270e()).isFalse();
    assertThat(t.terminalType()).isEqualTo("IBM-3278-2");
    assertThat(HexFormat.of().formatHex(t.frame(hex("f5c3")))).isEqualTo("f5c3ffef");
    assertThat(feed(t, "6dffef")).singleElement().isEqualTo(new byte[] {0x6d});
  }

  @Test
  void unknownOptionsAreRefused() throws ClientDataException {
    HostTelnet t = new HostTelnet(() -> "X");
    t.takeOutput();
    feed(t, "fffb1f" + "fffd01" + "fffe05" + "fff1"); // WILL NAWS, DO ECHO, DONT 5, NOP
    assertThat(out(t)).isEqualTo("fffe1f" + "fffc01");
  }

  private static void rejects(HostTelnet t, String hex, String message) {
    assertThatThrownBy(() -> feed(t, hex))
        .isInstanceOf(ClientDataException.class)
        .hasMessageContaining(message);
  }

  @Test
  void malformedClientDataIsAnError() throws ClientDataException {
    rejects(new HostTelnet(() -> "X"), "474554202f", "data before 3270 mode");
    rejects(new HostTelnet(() -> "X"), "ffef", "end of record before 3270 mode");
    rejects(
        new HostTelnet(() -> "X"),
        "fffa28" + "00".repeat(HostTelnet.MAX_SUBNEGOTIATION + 1),
        "subnegotiation longer than");
    rejects(new HostTelnet(() -> "X"), "fffa28ff01", "IAC X'01' inside a subnegotiation");
    rejects(tn3270e(), "000000ffef", "shorter than its 5-byte header");
    HostTelnet t = new HostTelnet(() -> "X");
    feed(t, "fffc28fffb18");
    rejects(t, "fffa18005654313030fff0", "terminal type 'VT100' is not a 3270");
    rejects(tn3270e(), "fffc28", "client turned off TN3270E");
  }

  @Test
  void overlongRecordIsAnError() throws ClientDataException {
    HostTelnet t = tn3270e();
    byte[] big = new byte[HostTelnet.MAX_RECORD + 1];
    assertThatThrownBy(() -> t.receive(big, 0, big.length))
        .isInstanceOf(ClientDataException.class)
        .hasMessageContaining("longer than " + HostTelnet.MAX_RECORD);
  }

  @Property(tries = 300)
  void arbitraryBytesNeverThrowAnythingElse(@ForAll byte[] data) {
    HostTelnet t = new HostTelnet(() -> "X");
    try {
      t.receive(data, 0, data.length);
    } catch (ClientDataException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 300)
  void arbitraryBytesAfterNegotiationNeverThrowAnythingElse(@ForAll byte[] data)
      throws ClientDataException {
    HostTelnet t = tn3270e();
    try {
      for (byte[] r : t.receive(data, 0, data.length)) {
        assertThat(r).isNotNull();
      }
    } catch (ClientDataException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
