package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.Aid;
import dev.console3270.protocol.codepage.CodePages;
import java.util.HexFormat;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReadModifiedTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  /**
   * What s3270 4.1 (model 3279-5-E, in its 24x80 default size) sent for Enter on the sign-on
   * screen, taken from its trace without the TN3270E header: cursor (9,30), then the user id field
   * at (9,29) and the password field at (11,29).
   */
  private static final String S3270_ENTER = "7d4b6e114b6df0c4d4c9d5114e4dc1c4d4c9d5f3f2f7";

  @Test
  void parsesWhatS3270Sent() throws ClientDataException {
    ReadModified rm = ReadModified.parse(hex(S3270_ENTER), 1920, CodePages.defaultPage());
    assertThat(rm.aid()).isEqualTo(Aid.ENTER);
    assertThat(rm.cursor()).isEqualTo(9 * 80 + 30);
    assertThat(rm.fields())
        .containsExactly(
            new ReadModified.Input(9 * 80 + 29, "0DMIN"),
            new ReadModified.Input(11 * 80 + 29, "ADMIN327"));
  }

  @Test
  void mapsFieldsToNamesOfTheScreen() throws ClientDataException {
    ScreenDefinition screen =
        ScreenFile.parse(
            "t",
            "@body\n"
                + "\n".repeat(9)
                + " ".repeat(28)
                + "[a       ]\n\n"
                + " ".repeat(28)
                + "[b       ]\n");
    ReadModified rm = ReadModified.parse(hex(S3270_ENTER), 1920, CodePages.defaultPage());
    assertThat(rm.byName(screen, 80)).isEqualTo(Map.of("a", "0DMIN", "b", "ADMIN327"));
    // on a wider screen the same addresses are other cells: no field matches
    assertThat(rm.byName(screen, 132)).isEmpty();
  }

  @Test
  void shortReadIsTheAidAlone() throws ClientDataException {
    ReadModified rm = ReadModified.parse(hex("6d"), 1920, CodePages.defaultPage());
    assertThat(rm.aid()).isEqualTo(Aid.CLEAR);
    assertThat(rm.fields()).isEmpty();
  }

  @Test
  void fourteenBitAddressesAndCharacterAttributes() throws ClientDataException {
    // 62x160 = 9920 cells: 14-bit addresses; an SA pair inside the data is skipped
    ReadModified rm =
        ReadModified.parse(
            hex("f3" + "2000" + "112001" + "c1" + "2842f2" + "c2"), 9920, CodePages.defaultPage());
    assertThat(rm.aid()).isEqualTo(Aid.PF3);
    assertThat(rm.cursor()).isEqualTo(0x2000);
    assertThat(rm.fields()).containsExactly(new ReadModified.Input(0x2001, "AB"));
  }

  private static void rejects(String data, String message) {
    assertThatThrownBy(() -> ReadModified.parse(hex(data), 1920, CodePages.defaultPage()))
        .isInstanceOf(ClientDataException.class)
        .hasMessageContaining(message);
  }

  @Test
  void malformedRecordsAreRejected() {
    rejects("", "empty inbound record");
    rejects("01", "unknown AID X'01'");
    rejects("7d40", "ends inside the cursor address");
    rejects("7d4040c1", "field data at offset 3 before any SBA");
    rejects("7d40401140", "SBA at offset 3 is truncated");
    rejects("7d4040114040c12842", "SA at offset 7 is truncated");
    rejects("7d3fff", "cursor address 16383 outside the 1920-cell screen");
    rejects("7d4040113fffc1", "SBA address 16383 outside");
  }

  @Property(tries = 500)
  void arbitraryBytesNeverThrowAnythingElse(@ForAll byte[] data) {
    try {
      ReadModified rm = ReadModified.parse(data, 1920, CodePages.defaultPage());
      assertThat(rm.cursor()).isBetween(0, 1919);
      assertThat(rm.fields()).allSatisfy(f -> assertThat(f.address()).isBetween(0, 1919));
    } catch (ClientDataException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }
}
