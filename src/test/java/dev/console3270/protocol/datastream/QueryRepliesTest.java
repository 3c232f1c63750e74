package dev.console3270.protocol.datastream;

import static dev.console3270.protocol.datastream.InboundTraces.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.trace.TraceFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryRepliesTest {

  /** x3270's DFT buffer size (ftBufferSize=16384 in the trace headers). */
  private static final int DFT = 16384;

  /** Our RPQ Names reply: device 0, model 0, length 12, "console3270" in EBCDIC. */
  private static final String OUR_RPQ_NAMES =
      "001881a1" + "0000000000000000" + "0c" + "839695a2969385f3f2f7f0";

  private static String h(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static TerminalState state(TerminalModel model) {
    return new TerminalState(model, null);
  }

  /** The structured fields after the AID, by QCODE, in order. */
  private static Map<Integer, String> split(byte[] reply) {
    assertThat(reply[0] & 0xff).isEqualTo(0x88);
    Map<Integer, String> out = new LinkedHashMap<>();
    int i = 1;
    while (i < reply.length) {
      int len = (reply[i] & 0xff) << 8 | (reply[i + 1] & 0xff);
      assertThat(len).isGreaterThanOrEqualTo(4);
      assertThat(reply[i + 2] & 0xff).isEqualTo(0x81);
      out.put(reply[i + 3] & 0xff, h(Arrays.copyOfRange(reply, i, i + len)));
      i += len;
    }
    assertThat(i).isEqualTo(reply.length);
    return out;
  }

  /** The first emulator record in a trace that is a Query Reply (AID X'88', SF X'81'). */
  private static byte[] traceQueryReply(String name, int header) {
    TraceFile trace = InboundTraces.load(name);
    for (byte[] r : InboundTraces.records(trace, false, header)) {
      if (r.length > 4 && (r[0] & 0xff) == 0x88 && (r[3] & 0xff) == 0x81) {
        return r;
      }
    }
    throw new AssertionError("no Query Reply in " + name);
  }

  /**
   * x3270's replies to Read Partition Query in traces, compared QCODE by QCODE (with DFT, as x3270
   * always has it); RPQ Names is the one reply that differs on purpose.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // trace, TN3270E header length, model, alternate rows, cols
    "s3270__ft_dft.trc, 0, 4, 43, 80", // s3270 4.2, 3279-4-E
    "b3270__invalid_sba.trc, 5, 4, 43, 80", // b3270 4.1, 3279-4-E
    "s3270__ft-crash.trc, 0, 4, 43, 80", // wc3270 4.3, 3279-4-E
    "s3270__ft_cut.trc, 0, 2, 24, 80", // 3279-2-E
    "s3270__ft-double.trc, 0, 2, 24, 80", // 3279-2-E
    "s3270__bid-bug.trc, 5, 0, 43, 132", // b3270 4.3, oversize 43x132 (colour on)
  })
  void matchesX3270QueryReplyFieldByField(
      String trace, int header, int number, int rows, int cols) {
    TerminalModel model =
        number == 0
            ? new TerminalModel(0, true, true, rows, cols)
            : TerminalModel.of(number, true, true);
    TerminalState st = state(model);
    Map<Integer, String> theirs = split(traceQueryReply(trace, header));
    Map<Integer, String> ours = split(QueryReplies.query(st, DFT));
    assertThat(ours.keySet()).containsExactlyElementsOf(theirs.keySet());
    for (Map.Entry<Integer, String> e : theirs.entrySet()) {
      if (e.getKey() == QueryReplies.QR_RPQ_NAMES) {
        assertThat(e.getValue()).isEqualTo("001281a1" + "0000000000000000" + "06a7f3f2f7f0");
        assertThat(ours.get(e.getKey())).isEqualTo(OUR_RPQ_NAMES);
      } else {
        assertThat(ours.get(e.getKey())).as("QCODE %02x", e.getKey()).isEqualTo(e.getValue());
      }
    }
  }

  @Test
  void traceQueryReplyBytesForModel4() {
    // The whole answer of s3270__ft_dft.trc, byte for byte, but for RPQ Names.
    byte[] trace = traceQueryReply("s3270__ft_dft.trc", 0);
    String theirs =
        h(trace).replace("001281a1" + "0000000000000000" + "06a7f3f2f7f0", OUR_RPQ_NAMES);
    assertThat(h(QueryReplies.query(state(TerminalModel.defaultModel()), DFT))).isEqualTo(theirs);
  }

  /**
   * s3270 4.1 (Debian) answering Read Partition Query as a 3278-2 (recorded from the real s3270
   * with a test host): the Color reply still lists 16 colours, all mapped to X'00'.
   */
  @Test
  void monochrome3278ReportsNoColours() {
    String s3270 =
        "88000e81808081848586878895a1a60017818101000050001801000a02e50002006f090c0780"
            + "0008818400078000001b81858200090c000000000700100002b900250100f103c30136"
            + "00268186001000f4f100f200f300f400f500f600f700f800f900fa00fb00fc00fd00fe00ff00"
            + "000f81870500f0f1f1f2f2f4f4f8f800078188000102000c81950000400040000101"
            + "001281a1000000000000000006a7f3f2f7f0001181a600000b01000050001800500018";
    String expected = s3270.replace("001281a1000000000000000006a7f3f2f7f0", OUR_RPQ_NAMES);
    assertThat(h(QueryReplies.query(state(TerminalModel.of(2, false, false)), DFT)))
        .isEqualTo(expected);
  }

  @Test
  void withoutDftTheDdmReplyIsLeftOutAndSummaryNamesExactlyTheRepliesSent() {
    for (TerminalModel m :
        List.of(
            TerminalModel.defaultModel(),
            TerminalModel.of(2, false, false),
            TerminalModel.of(5, true, true),
            TerminalModel.custom(62, 160))) {
      for (int dft : new int[] {0, DFT}) {
        Map<Integer, String> replies = split(QueryReplies.query(state(m), dft));
        byte[] summary = hex(replies.get(QueryReplies.QR_SUMMARY));
        List<Integer> listed = new ArrayList<>();
        for (int i = 4; i < summary.length; i++) {
          listed.add(summary[i] & 0xff);
        }
        assertThat(listed).containsExactlyElementsOf(replies.keySet());
        assertThat(replies.containsKey(QueryReplies.QR_DDM)).isEqualTo(dft > 0);
      }
    }
    assertThat(h(QueryReplies.query(state(TerminalModel.defaultModel()))))
        .startsWith("88000d818080818485868788a1a6");
  }

  @Test
  void sizesFollowTheModel() {
    Map<Integer, String> r = split(QueryReplies.query(state(TerminalModel.of(5, true, true))));
    // 132 x 27, buffer 3564
    assertThat(r.get(QueryReplies.QR_USABLE_AREA))
        .isEqualTo("0017818101000084001b01000a02e50002006f090c0dec");
    assertThat(r.get(QueryReplies.QR_ALPHA_PARTITIONS)).isEqualTo("00088184000dec00");
    assertThat(r.get(QueryReplies.QR_IMPLICIT_PARTITION))
        .isEqualTo("001181a600000b010000500018" + "0084001b");
  }

  @Test
  void queryListList() {
    TerminalState st = state(TerminalModel.defaultModel());
    Map<Integer, String> all = split(QueryReplies.query(st));
    // Only what was asked for, in our order, duplicates and unknown codes ignored.
    byte[] r = QueryReplies.queryList(st, 0x00, hex("a6 81 99 81"));
    assertThat(h(r))
        .isEqualTo(
            "88"
                + all.get(QueryReplies.QR_USABLE_AREA)
                + all.get(QueryReplies.QR_IMPLICIT_PARTITION));
    // RPQ Names alone (what s3270__rpqnames.trc's host asks for).
    assertThat(h(QueryReplies.queryList(st, 0x00, hex("a1")))).isEqualTo("88" + OUR_RPQ_NAMES);
    // Nothing we support, or an empty list: the Null reply.
    assertThat(h(QueryReplies.queryList(st, 0x00, hex("99")))).isEqualTo("88000481ff");
    assertThat(h(QueryReplies.queryList(st, 0x00, new byte[0]))).isEqualTo("88000481ff");
    assertThat(h(QueryReplies.queryList(st, 0x00, null))).isEqualTo("88000481ff");
    // DDM only when DFT is on.
    assertThat(h(QueryReplies.queryList(st, 0x00, hex("95")))).isEqualTo("88000481ff");
    assertThat(h(QueryReplies.queryList(st, 0x00, hex("95"), DFT)))
        .isEqualTo("88000c81950000400040000101");
  }

  @Test
  void queryListEquivalentAndAllSendEverything() {
    TerminalState st = state(TerminalModel.defaultModel());
    byte[] full = QueryReplies.query(st);
    assertThat(QueryReplies.queryList(st, 0x40, hex("81"))).isEqualTo(full);
    assertThat(QueryReplies.queryList(st, 0x80, new byte[0])).isEqualTo(full);
    assertThat(QueryReplies.queryList(st, 0x80, null, DFT)).isEqualTo(QueryReplies.query(st, DFT));
    assertThat(QueryReplies.queryList(st, 0xc0, hex("81"))).isEmpty();
    assertThat(QueryReplies.queryList(st, 0x01, hex("81"))).isEmpty();
  }

  @Test
  void singleRepliesAndUnknownCodes() {
    TerminalState st = state(TerminalModel.defaultModel());
    assertThat(h(QueryReplies.reply(st, QueryReplies.QR_NULL, 0))).isEqualTo("000481ff");
    assertThatThrownBy(() -> QueryReplies.reply(st, 0x99, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QueryReplies.reply(st, QueryReplies.QR_DDM, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** CGCSGIDs s3270 4.1 reports in the Character Sets reply for each -codepage (recorded). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "bracket, 02b90025",
    "037, 02b90025",
    "cp037, 02b90025",
    "apl, 02b90025",
    "cp273, 02b90111",
    "cp275, 02b90113",
    "cp277, 02b90115",
    "cp278, 02b90116",
    "cp280, 02b90118",
    "cp284, 02b9011c",
    "cp285, 02b9011d",
    "cp297, 02b90129",
    "cp424, 054501a8",
    "cp500, 02b901f4",
    "cp870, 03bf0366",
    "cp871, 02b90367",
    "cp875, 039d036b",
    "cp880, 03bf0370",
    "cp1026, 04800402",
    "cp1047, 02b90417",
    "1047, 02b90417",
    "IBM-1047, 02b90417",
    "cp1140, 02b70474",
    "cp1141, 02b70475",
    "cp1142, 02b70476",
    "cp1143, 02b70477",
    "cp1144, 02b70478",
    "cp1145, 02b70479",
    "cp1146, 02b7047a",
    "cp1147, 02b7047b",
    "cp1148, 02b7047c",
    "cp1149, 02b7047d",
    "belgian-euro, 02b7047c",
    "cp1160, 05730488",
    "nonsense, 02b90025",
  })
  void characterSetIdsPerCodePage(String codePage, String cgcsgid) {
    assertThat(String.format("%08x", QueryReplies.cgcsgid(codePage))).isEqualTo(cgcsgid);
  }

  @Test
  void noCodePageReportsCp037() {
    assertThat(QueryReplies.cgcsgid((dev.console3270.protocol.codepage.CodePage) null))
        .isEqualTo(0x02b90025);
  }
}
