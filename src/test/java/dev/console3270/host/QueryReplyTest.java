package dev.console3270.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class QueryReplyTest {

  /** s3270 4.1's answer (model 3279-5-E) to Read Partition Query, from its trace. */
  private static final String MODEL5_REPLY =
      "88000e81808081848586878895a1a60017818101000084001b0100"
          + "0a02e50002006f090c0dec00088184000dec00001b81858200090c0000000007"
          + "00100002b900250100f103c3013600268186001000f4f1f1f2f2f3f3f4f4f5f5"
          + "f6f6f7f7f8f8f9f9fafafbfbfcfcfdfdfefeffffffff000f81870500f0f1f1f2"
          + "f2f4f4f8f800078188000102000c81950000400040000101001281a100000000"
          + "0000000006a7f3f2f7f0001181a600000b0100005000180084001b";

  @Test
  void readsTheAlternateSizeFromAModel5Reply() {
    byte[] r = HexFormat.of().parseHex(MODEL5_REPLY);
    assertThat(QueryReply.isQueryReply(r)).isTrue();
    assertThat(QueryReply.alternateSize(r)).contains(new QueryReply.Size(27, 132));
  }

  @Test
  void usableAreaAloneIsEnough() {
    // Usable Area only: 43 rows x 80 columns
    byte[] r =
        HexFormat.of().parseHex("88" + "0017818101000050002b0100" + "0a02e50002006f090c0780");
    assertThat(QueryReply.alternateSize(r)).contains(new QueryReply.Size(43, 80));
  }

  @Test
  void theColorReplyTellsAColourTerminal() {
    // s3270 announces a 3278-5-E device type under TN3270E, but 16 colour pairs
    assertThat(QueryReply.color(HexFormat.of().parseHex(MODEL5_REPLY))).contains(true);
    // two pairs: monochrome
    assertThat(QueryReply.color(HexFormat.of().parseHex("88" + "000a81860002" + "00f4f1f1")))
        .contains(false);
    assertThat(
            QueryReply.color(
                HexFormat.of()
                    .parseHex("88" + "0017818101000050002b0100" + "0a02e50002006f090c0780")))
        .isEmpty();
    assertThat(QueryReply.color(HexFormat.of().parseHex("7d4040"))).isEmpty();
  }

  @Test
  void otherRecordsHaveNoSize() {
    assertThat(QueryReply.alternateSize(HexFormat.of().parseHex("7d4040"))).isEmpty();
    assertThat(QueryReply.alternateSize(HexFormat.of().parseHex("88000481"))).isEmpty();
    assertThat(QueryReply.alternateSize(new byte[0])).isEmpty();
  }

  @Property(tries = 500)
  void arbitraryRepliesNeverThrow(@ForAll byte[] tail) {
    byte[] r = new byte[tail.length + 1];
    r[0] = (byte) 0x88;
    System.arraycopy(tail, 0, r, 1, tail.length);
    assertThat(QueryReply.alternateSize(r)).isNotNull();
    assertThat(QueryReply.color(r)).isNotNull();
  }
}
