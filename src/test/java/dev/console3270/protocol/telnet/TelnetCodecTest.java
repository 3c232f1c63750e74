package dev.console3270.protocol.telnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.TerminalModel;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TelnetCodecTest {

  static final TelnetConfig CONFIG = TelnetConfig.of(TerminalModel.of(4, true, true));

  static byte[] h(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  RecordingListener l = new RecordingListener();

  TelnetCodec codec(TelnetConfig config) {
    return new TelnetCodec(config, l);
  }

  /** Feeds hex and returns what the codec sent, as hex. */
  String feed(TelnetCodec c, String hexIn) {
    c.receive(h(hexIn));
    return hex(l.takeSent());
  }

  /** Brings a codec into TN3270 mode (the s3270__login.trc negotiation, without NEW-ENVIRON). */
  TelnetCodec tn3270(TelnetConfig config) {
    TelnetCodec c = codec(config);
    feed(c, "fffd18 fffa1801fff0 fffb00 fffd00 fffb19 fffd19");
    assertThat(c.mode()).isEqualTo(TelnetMode.TN3270);
    return c;
  }

  /** TN3270E negotiated, functions as given by the host's FUNCTIONS IS. */
  TelnetCodec tn3270e(String functionsIs) {
    TelnetCodec c = codec(CONFIG);
    feed(c, "fffd28 fffa280802fff0 fffa28020449424d2d333237382d342d4501535931fff0");
    feed(c, "fffa280304" + functionsIs + "fff0");
    assertThat(c.mode().isTn3270e()).isTrue();
    return c;
  }

  static final String BIND_7E =
      "03000000003101020200003080008487f88000028000000000185000007e000006e3c5d3d5c5e300ffef";

  @Nested
  class Rfc1143 {
    @Test
    void repeatedDoIsAnsweredOnce() {
      TelnetCodec c = codec(CONFIG);
      assertThat(feed(c, "fffd00")).isEqualTo("fffb00");
      assertThat(feed(c, "fffd00")).isEmpty();
      assertThat(c.localOption(TelnetCodec.OPT_BINARY)).isTrue();
    }

    @Test
    void repeatedWillIsAnsweredOnce() {
      TelnetCodec c = codec(CONFIG);
      assertThat(feed(c, "fffb00")).isEqualTo("fffd00");
      assertThat(feed(c, "fffb00")).isEmpty();
      assertThat(c.remoteOption(TelnetCodec.OPT_BINARY)).isTrue();
    }

    @Test
    void disablingAnOptionThatIsOffIsNotAnswered() {
      TelnetCodec c = codec(CONFIG);
      assertThat(feed(c, "fffc00 fffe00 fffc18 fffe63")).isEmpty();
    }

    @Test
    void disablingAnEnabledOptionIsAcknowledgedOnce() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd00 fffb00");
      assertThat(feed(c, "fffe00")).isEqualTo("fffc00");
      assertThat(feed(c, "fffe00")).isEmpty();
      assertThat(feed(c, "fffc00")).isEqualTo("fffe00");
      assertThat(feed(c, "fffc00")).isEmpty();
      assertThat(c.binaryIn()).isFalse();
      assertThat(c.binaryOut()).isFalse();
    }

    @Test
    void unknownOptionsAreRefusedWithoutException() {
      TelnetCodec c = codec(CONFIG);
      assertThat(feed(c, "fffd63")).isEqualTo("fffc63");
      assertThat(feed(c, "fffb63")).isEqualTo("fffe63");
      assertThat(feed(c, "fffd1f")).isEqualTo("fffc1f"); // NAWS refused
      assertThat(feed(c, "fffb05")).isEqualTo("fffe05");
      assertThat(feed(c, "fffa63 0102 fff0")).isEmpty(); // SB for an unknown option ignored
      assertThat(l.errors).isEmpty();
    }

    @Test
    void ourRequestIsNotAnsweredAgainWhenTheHostAgrees() {
      TelnetCodec c = codec(CONFIG);
      c.requestRemoteOption(TelnetCodec.OPT_ECHO, true);
      assertThat(hex(l.takeSent())).isEqualTo("fffd01");
      c.requestRemoteOption(TelnetCodec.OPT_ECHO, true); // already asked
      assertThat(l.takeSent()).isEmpty();
      assertThat(feed(c, "fffb01")).isEmpty(); // WILL in WANTYES: no answer
      assertThat(c.remoteOption(TelnetCodec.OPT_ECHO)).isTrue();
      assertThat(feed(c, "fffb01")).isEmpty();
    }

    @Test
    void refusalOfOurRequestIsNotAnswered() {
      TelnetCodec c = codec(CONFIG);
      c.requestLocalOption(TelnetCodec.OPT_BINARY, true);
      assertThat(hex(l.takeSent())).isEqualTo("fffb00");
      assertThat(feed(c, "fffe00")).isEmpty();
      assertThat(c.localOption(TelnetCodec.OPT_BINARY)).isFalse();
    }

    @Test
    void queuedOppositeRequestIsSentAfterTheAnswer() {
      TelnetCodec c = codec(CONFIG);
      c.requestRemoteOption(TelnetCodec.OPT_ECHO, true); // DO ECHO, WANTYES
      c.requestRemoteOption(TelnetCodec.OPT_ECHO, false); // queued
      assertThat(hex(l.takeSent())).isEqualTo("fffd01");
      assertThat(feed(c, "fffb01")).isEqualTo("fffe01"); // now ask to disable
      assertThat(c.remoteOption(TelnetCodec.OPT_ECHO)).isFalse();
      assertThat(feed(c, "fffc01")).isEmpty(); // WANTNO -> NO, no answer
      assertThat(feed(c, "fffc01")).isEmpty();
    }

    @Test
    void queuedOppositeOnLocalSide() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd03"); // SGA on
      c.requestLocalOption(TelnetCodec.OPT_SGA, false);
      c.requestLocalOption(TelnetCodec.OPT_SGA, true);
      assertThat(hex(l.takeSent())).isEqualTo("fffc03");
      assertThat(feed(c, "fffe03")).isEqualTo("fffb03"); // queued re-enable
      assertThat(feed(c, "fffd03")).isEmpty();
      assertThat(c.localOption(TelnetCodec.OPT_SGA)).isTrue();
    }

    @Test
    void randomNegotiationNeverAnswersTwiceInARow() {
      Random r = new Random(1143);
      int[] verbs = {0xfb, 0xfc, 0xfd, 0xfe};
      int[] opts = {0, 1, 3, 6, 24, 25, 31, 39, 40, 46, 99};
      TelnetCodec c = codec(CONFIG);
      for (int i = 0; i < 5000; i++) {
        int verb = verbs[r.nextInt(4)];
        int opt = opts[r.nextInt(opts.length)];
        byte[] cmd = {(byte) 0xff, (byte) verb, (byte) opt};
        c.receive(cmd);
        byte[] first = l.takeSent();
        assertThat(first.length).isLessThanOrEqualTo(6);
        c.receive(cmd);
        byte[] second = l.takeSent();
        if (opt != TelnetCodec.OPT_TIMING_MARK && opt != TelnetCodec.OPT_START_TLS) {
          // Repeating a request must not be answered again (RFC 1143: no loops); only refusals
          // of options we never do are repeated, and a WONT TN3270E (which first turns the
          // host's side off, then, as x3270's DONT hack, ours).
          if (second.length > 0) {
            int answer = second[1] & 0xff;
            boolean refusal = (verb == 0xfb || verb == 0xfd) && (answer == 0xfc || answer == 0xfe);
            boolean wontHack = verb == 0xfc && opt == TelnetCodec.OPT_TN3270E && answer == 0xfc;
            assertThat(refusal || wontHack).as(hex(cmd) + " -> " + hex(second)).isTrue();
          }
        }
      }
    }
  }

  @Nested
  class Framing {
    @Test
    void recordSplitAtEveryPositionIncludingInsideIac() {
      byte[] in = h("f5c2 ffff 11 4040 ffef");
      for (int split = 0; split <= in.length; split++) {
        RecordingListener rl = new RecordingListener();
        TelnetCodec c = new TelnetCodec(CONFIG, rl);
        c.receive(h("fffd18 fffa1801fff0 fffb00 fffd00 fffb19 fffd19"));
        c.receive(in, 0, split);
        c.receive(in, split, in.length - split);
        assertThat(rl.records).hasSize(1);
        assertThat(hex(rl.records.get(0).data())).isEqualTo("f5c2ff114040");
        assertThat(rl.records.get(0).header()).isNull();
      }
    }

    @Test
    void byteByByteNegotiationAndRecords() {
      byte[] in = h("fffd18 fffa1801fff0 fffb00 fffd00 fffb19 fffd19 f1c2ffef f5c3ffef");
      TelnetCodec c = codec(CONFIG);
      for (byte b : in) {
        c.receive(new byte[] {b});
      }
      assertThat(l.records).extracting(r -> hex(r.data())).containsExactly("f1c2", "f5c3");
      assertThat(hex(l.takeSent()))
          .isEqualTo(
              "fffb18 fffa180049424d2d333237392d342d45fff0 fffd00 fffb00 fffd19 fffb19"
                  .replace(" ", ""));
    }

    @Test
    void manyRecordsInOneReceive() {
      TelnetCodec c = tn3270(CONFIG);
      c.receive(h("f1c2ffef f1c3ffef f1c4 ffff ffef"));
      assertThat(l.records)
          .extracting(r -> hex(r.data()))
          .containsExactly("f1c2", "f1c3", "f1c4ff");
    }

    @Test
    void receiveWithOffset() {
      TelnetCodec c = tn3270(CONFIG);
      byte[] buf = h("0000 f1c2ffef 0000");
      assertThat(c.receive(buf, 2, 4)).isEqualTo(4);
      assertThat(l.records).hasSize(1);
      assertThatThrownBy(() -> c.receive(buf, 5, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void sendRecordDoublesIacAndAppendsEor() {
      TelnetCodec c = tn3270(CONFIG);
      c.sendRecord(DataType.DATA_3270, h("7d ff 40"));
      assertThat(hex(l.takeSent())).isEqualTo("7dffff40ffef");
      assertThatThrownBy(() -> c.sendRecord(DataType.SSCP_LU_DATA, h("40")))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendRecordOutsideA3270ModeIsRefused() {
      TelnetCodec c = codec(CONFIG);
      assertThatThrownBy(() -> c.sendRecord(DataType.DATA_3270, h("7d")))
          .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nopAndOtherCommandsAreSwallowed() {
      TelnetCodec c = tn3270(CONFIG);
      assertThat(feed(c, "f1 fff1 c2 fff9 fff2 fff0 ffef")).isEmpty();
      assertThat(hex(l.records.get(0).data())).isEqualTo("f1c2");
    }

    @Test
    void eorOutside3270ModeIsIgnored() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "ffef");
      assertThat(l.records).isEmpty();
      assertThat(c.mode()).isEqualTo(TelnetMode.PENDING);
    }

    @Test
    void malformedSubnegotiationIsReportedAndDropped() {
      TelnetCodec c = tn3270(CONFIG);
      assertThat(feed(c, "fffa18 01 fffd00")).isEmpty(); // IAC DO inside SB: SB dropped, DO done
      assertThat(l.errors).hasSize(1);
      assertThat(l.errors.get(0).offset()).isGreaterThan(0);
      c.receive(h("f1c2ffef"));
      assertThat(l.records).hasSize(1);
    }

    @Test
    void oversizedSubnegotiationIsDropped() {
      TelnetCodec c = codec(CONFIG);
      byte[] big = new byte[20000];
      c.receive(h("fffa18"));
      c.receive(big);
      assertThat(feed(c, "fff0")).isEmpty();
      assertThat(l.errors).hasSize(1);
    }

    @Test
    void randomBytesNeverThrow() {
      Random r = new Random(42);
      for (int round = 0; round < 300; round++) {
        TelnetCodec c =
            new TelnetCodec(CONFIG.withLuNames(List.of("A", "B")), new RecordingListener());
        byte[] junk = new byte[r.nextInt(400)];
        r.nextBytes(junk);
        // Sprinkle telnet commands so that the state machines are exercised.
        for (int i = 0; i + 2 < junk.length; i += 1 + r.nextInt(6)) {
          junk[i] = (byte) 0xff;
          junk[i + 1] = (byte) (0xef + r.nextInt(17));
          if (r.nextBoolean()) {
            junk[i + 2] = (byte) new int[] {0, 24, 25, 39, 40, 46}[r.nextInt(6)];
          }
        }
        int pos = 0;
        while (pos < junk.length) {
          int n = Math.min(junk.length - pos, 1 + r.nextInt(17));
          int used = c.receive(junk, pos, n);
          pos += used == 0 ? n : used;
        }
      }
    }
  }

  @Nested
  class TimingMarkAndKeepalive {
    @Test
    void doTimingMarkIsAnsweredEveryTime() {
      TelnetCodec c = codec(CONFIG);
      assertThat(feed(c, "fffd06")).isEqualTo("fffb06");
      assertThat(feed(c, "fffd06")).isEqualTo("fffb06");
      assertThat(feed(c, "fffe06")).isEmpty();
    }

    @Test
    void timingMarkCanBeRefused() {
      TelnetCodec c = codec(CONFIG.withTimingMark(false));
      assertThat(feed(c, "fffd06")).isEqualTo("fffc06");
    }

    @Test
    void ourTimingMarkIsReportedNotAnswered() {
      TelnetCodec c = codec(CONFIG);
      c.sendTimingMark();
      assertThat(hex(l.takeSent())).isEqualTo("fffd06");
      assertThat(feed(c, "fffb06")).isEmpty();
      assertThat(l.timingMarks).isEqualTo(1);
      assertThat(feed(c, "fffb06")).isEqualTo("fffe06"); // unsolicited: refused
      c.sendTimingMark();
      l.takeSent();
      assertThat(feed(c, "fffc06")).isEmpty();
      assertThat(l.timingMarks).isEqualTo(2);
    }

    @Test
    void nop() {
      TelnetCodec c = codec(CONFIG);
      c.sendNop();
      assertThat(hex(l.takeSent())).isEqualTo("fff1");
    }
  }

  @Nested
  class Nvt {
    @Test
    void dataBeforeNegotiationMeansNvt() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "6869ffff0d0a");
      assertThat(c.mode()).isEqualTo(TelnetMode.NVT);
      assertThat(hex(l.nvt.toByteArray())).isEqualTo("6869ff0d0a");
      assertThat(l.records).isEmpty();
      c.sendNvt(h("41ff"));
      assertThat(hex(l.takeSent())).isEqualTo("41ffff");
    }

    @Test
    void nvtThenTn3270() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "41");
      feed(c, "fffd18 fffa1801fff0 fffb00 fffd00 fffb19 fffd19 f1c2ffef");
      assertThat(l.modes).containsExactly(TelnetMode.NVT, TelnetMode.TN3270);
      assertThat(l.records).hasSize(1);
    }
  }

  @Nested
  class TerminalType {
    @Test
    void terminalTypeWithLu() {
      TelnetCodec c = codec(CONFIG.withLuNames(List.of("LU1", "LU2")).withNewEnviron(false));
      feed(c, "fffd18");
      assertThat(feed(c, "fffa1801fff0"))
          .isEqualTo(
              hex("fffa1800".getBytes()).isEmpty()
                  ? ""
                  : "fffa180049424d2d333237392d342d45404c5531fff0");
      assertThat(c.luName()).isEqualTo("LU1");
      // The host asks again (it rejected LU1): the next LU; then no LU left is an error.
      assertThat(feed(c, "fffa1801fff0")).isEqualTo("fffa180049424d2d333237392d342d45404c5532fff0");
      assertThat(feed(c, "fffa1801fff0")).isEmpty();
      assertThat(l.errors).hasSize(1);
    }

    @Test
    void terminalTypeSendWithoutDoIsIgnored() {
      TelnetCodec c = codec(CONFIG);
      assertThat(feed(c, "fffa1801fff0")).isEmpty();
    }

    @Test
    void willTerminalTypeWaitsForNewEnvironSend() {
      // s3270__testTn.trc: DO NEW-ENVIRON, DO TTYPE, then SB NEW-ENVIRON SEND.
      TelnetCodec c = codec(CONFIG.withTn3270e(false).withUser("pdm"));
      assertThat(feed(c, "fffd27")).isEqualTo("fffb27");
      assertThat(feed(c, "fffd18")).isEmpty();
      assertThat(feed(c, "fffa2701fff0"))
          .isEqualTo(
              "fffa270000555345520170646d0349424d454c46015945530349424d4150504c4944014e6f6e65fff0"
                  + "fffb18");
    }
  }

  @Nested
  class NewEnviron {
    @Test
    void devNameCounterAndEscapes() {
      TelnetCodec c =
          codec(CONFIG.withDevName("ab==").withUserVars(List.of(new EnvVar("X", "\u0001"))));
      feed(c, "fffd27");
      assertThat(feed(c, "fffa2701034445564e414d45fff0"))
          .isEqualTo("fffa2700034445564e414d450161623031fff0");
      assertThat(feed(c, "fffa2701034445564e414d45fff0"))
          .isEqualTo("fffa2700034445564e414d450161623032fff0");
      // A variable value with a control byte is escaped; an unknown one is sent without VALUE.
      assertThat(feed(c, "fffa270103580359fff0"))
          .isEqualTo("fffa27000358010201 0359fff0".replace(" ", ""));
    }

    @Test
    void refusedWhenDisabled() {
      TelnetCodec c = codec(CONFIG.withNewEnviron(false));
      assertThat(feed(c, "fffd27")).isEqualTo("fffc27");
      assertThat(feed(c, "fffa2701fff0")).isEmpty();
    }
  }

  @Nested
  class Tn3270e {
    @Test
    void deviceTypeRequestConverts3279To3278AndAddsLu() {
      TelnetCodec c = codec(CONFIG.withLuNames(List.of("LU1")));
      assertThat(feed(c, "fffd28")).isEqualTo("fffb28");
      assertThat(c.mode()).isEqualTo(TelnetMode.TN3270E_UNBOUND);
      assertThat(feed(c, "fffa280802fff0"))
          .isEqualTo("fffa28020749424d2d333237382d342d45014c5531fff0");
    }

    @Test
    void associateForPrinters() {
      TelnetCodec c = codec(CONFIG.withTerminalType("IBM-3287-1").withAssociate("TDC01702"));
      feed(c, "fffd28");
      assertThat(feed(c, "fffa280802fff0"))
          .isEqualTo("fffa28020749424d2d333238372d31005444433031373032fff0");
    }

    @Test
    void rejectTriesTheNextLuThenFallsBackToTn3270() {
      TelnetCodec c = codec(CONFIG.withLuNames(List.of("LU1", "LU2")).withNewEnviron(false));
      feed(c, "fffd28 fffa280802fff0");
      // REJECT REASON DEVICE-IN-USE: try LU2.
      assertThat(feed(c, "fffa28020605 01 fff0"))
          .isEqualTo("fffa28020749424d2d333237382d342d45014c5532fff0");
      // REJECT again: no LU left, WONT TN3270E.
      assertThat(feed(c, "fffa28020605 03 fff0")).isEqualTo("fffc28");
      assertThat(c.mode()).isEqualTo(TelnetMode.PENDING);
      assertThat(c.tn3270eBackOffReason()).contains("reason 3");
      assertThat(c.lastRejectReason()).isEqualTo(3);
      assertThat(c.luName()).isNull();
      // A DO TN3270E crossing our WONT is not answered (RFC 1143: no loop), nor is the DONT.
      assertThat(feed(c, "fffd28")).isEmpty();
      assertThat(feed(c, "fffe28")).isEmpty();
      // Plain TN3270 then starts again from LU1.
      assertThat(feed(c, "fffd18 fffa1801fff0"))
          .isEqualTo("fffb18fffa180049424d2d333237392d342d45404c5531fff0");
    }

    @Test
    void rejectUnsupportedRequestBacksOffAtOnce() {
      TelnetCodec c = codec(CONFIG.withLuNames(List.of("LU1", "LU2")));
      feed(c, "fffd28 fffa280802fff0");
      assertThat(feed(c, "fffa28020605 07 fff0")).isEqualTo("fffc28");
    }

    @Test
    void rejectWithoutLusBacksOff() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd28 fffa280802fff0");
      assertThat(feed(c, "fffa28020605 04 fff0")).isEqualTo("fffc28");
    }

    @Test
    void deviceTypeIsRecordsTypeAndLuAndRequestsFunctions() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd28 fffa280802fff0");
      assertThat(feed(c, "fffa28020449424d2d333237382d342d4501535931fff0"))
          .isEqualTo("fffa28030700020405fff0");
      assertThat(c.deviceType()).isEqualTo("IBM-3278-4-E");
      assertThat(c.luName()).isEqualTo("SY1");
      assertThat(c.functions()).isEmpty(); // not negotiated yet
    }

    @Test
    void hostFunctionsRequestSubsetIsAccepted() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd28 fffa280802fff0 fffa28020449424d2d333237382d342d45fff0");
      assertThat(feed(c, "fffa28030700fff0")).isEqualTo("fffa28030400fff0");
      assertThat(c.functions()).containsExactly(Tn3270eFunction.BIND_IMAGE);
      assertThat(c.mode()).isEqualTo(TelnetMode.TN3270E_UNBOUND);
    }

    @Test
    void hostFunctionsRequestSupersetGetsTheIntersection() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd28 fffa280802fff0 fffa28020449424d2d333237382d342d45fff0");
      assertThat(feed(c, "fffa2803070001020306fff0")).isEqualTo("fffa2803070002fff0");
      assertThat(feed(c, "fffa28030402fff0")).isEmpty();
      assertThat(c.functions()).containsExactly(Tn3270eFunction.RESPONSES);
      // Without BIND-IMAGE the session is in 3270 mode at once.
      assertThat(c.mode()).isEqualTo(TelnetMode.TN3270E_3270);
    }

    @Test
    void functionsIsAddingAFunctionAbandonsTn3270e() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd28 fffa280802fff0 fffa28020449424d2d333237382d342d45fff0");
      assertThat(feed(c, "fffa2803040001fff0")).isEqualTo("fffc28");
      assertThat(c.mode().isTn3270e()).isFalse();
    }

    @Test
    void dontTn3270eFallsBack() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd28 fffa280802fff0");
      assertThat(feed(c, "fffe28")).isEqualTo("fffc28");
      assertThat(c.mode()).isEqualTo(TelnetMode.PENDING);
    }

    @Test
    void refusedWhenDisabled() {
      TelnetCodec c = codec(CONFIG.withTn3270e(false));
      assertThat(feed(c, "fffd28")).isEqualTo("fffc28");
      assertThat(feed(c, "fffb28")).isEqualTo("fffe28");
    }

    @Test
    void bindUnbindAndDataTypes() {
      TelnetCodec c = tn3270e("00020405");
      feed(c, "0000000000f5c2ffef"); // 3270-DATA before BIND: ignored, as x3270 does
      assertThat(l.records).isEmpty();
      assertThat(l.errors).hasSize(1);
      feed(c, BIND_7E);
      assertThat(l.binds).hasSize(1);
      assertThat(c.mode()).isEqualTo(TelnetMode.TN3270E_3270);
      assertThat(c.bound()).isTrue();
      feed(c, "0700000000c1ffef 0000020001f5c2ffef 0500000000 41ffef 0100000000 41ffef");
      feed(c, "0200000007 00ffef 0600000000 00ffef 0800000000ffef 2a00000000ffef");
      assertThat(l.records)
          .extracting(r -> r.header().dataType())
          .containsExactly(
              DataType.SSCP_LU_DATA,
              DataType.DATA_3270,
              DataType.NVT_DATA,
              DataType.SCS_DATA,
              DataType.RESPONSE,
              DataType.REQUEST,
              DataType.PRINT_EOJ,
              DataType.UNKNOWN);
      assertThat(l.records.get(1).header().sequenceNumber()).isEqualTo(1);
      assertThat(l.records.get(1).header().alwaysResponse()).isTrue();
      assertThat(l.modes)
          .containsSubsequence(
              TelnetMode.TN3270E_3270,
              TelnetMode.TN3270E_SSCP_LU,
              TelnetMode.TN3270E_3270,
              TelnetMode.TN3270E_NVT);
      feed(c, "040000000001ffef");
      assertThat(l.unbinds).containsExactly(1);
      assertThat(c.mode()).isEqualTo(TelnetMode.TN3270E_UNBOUND);
      assertThat(c.bound()).isFalse();
    }

    @Test
    void shortRecordIsAnError() {
      TelnetCodec c = tn3270e("00020405");
      feed(c, "0000ffef");
      assertThat(l.errors).hasSize(1);
      assertThat(l.records).isEmpty();
    }

    @Test
    void responsesAsTheHeaderAsks() {
      TelnetCodec c = tn3270e("00020405");
      feed(c, BIND_7E);
      Tn3270eHeader always = new Tn3270eHeader(0, 0, Tn3270eHeader.RSF_ALWAYS_RESPONSE, 2);
      Tn3270eHeader onError = new Tn3270eHeader(0, 0, Tn3270eHeader.RSF_ERROR_RESPONSE, 3);
      Tn3270eHeader none = new Tn3270eHeader(0, 0, Tn3270eHeader.RSF_NO_RESPONSE, 4);
      assertThat(c.respond(always, true, Tn3270eHeader.POS_DEVICE_END)).isTrue();
      assertThat(hex(l.takeSent())).isEqualTo("020000000200ffef"); // as in s3270__sscp-lu.trc
      assertThat(c.respond(onError, true, 0)).isFalse();
      assertThat(c.respond(none, false, 0)).isFalse();
      assertThat(c.respond(onError, false, Tn3270eHeader.NEG_OPERATION_CHECK)).isTrue();
      assertThat(hex(l.takeSent())).isEqualTo("020001000302ffef");
      Tn3270eHeader iacSeq = new Tn3270eHeader(0, 0, Tn3270eHeader.RSF_ALWAYS_RESPONSE, 0xffff);
      c.respond(iacSeq, false, Tn3270eHeader.NEG_COMMAND_REJECT);
      assertThat(hex(l.takeSent())).isEqualTo("020001ffffffff00ffef");
    }

    @Test
    void bidIsAnsweredByTheCodec() {
      TelnetCodec c = tn3270e("00020405");
      feed(c, BIND_7E);
      assertThat(feed(c, "0900020001ffef")).isEqualTo("020000000100ffef");
      assertThat(l.bids).hasSize(1);
    }

    @Test
    void sequenceNumbersCountOnlyWithResponses() {
      TelnetCodec c = tn3270e("00020405");
      feed(c, BIND_7E);
      c.sendRecord(DataType.DATA_3270, h("7d"));
      c.sendRecord(DataType.DATA_3270, h("7d"));
      c.sendRecord(DataType.NVT_DATA, h("41"));
      c.sendRecord(DataType.SSCP_LU_DATA, h("ff"));
      assertThat(hex(l.takeSent()))
          .isEqualTo(
              "00000000007dffef 00000000017dffef 050000000041ffef 0700000002ffffffef"
                  .replace(" ", ""));

      RecordingListener l2 = new RecordingListener();
      TelnetCodec noResponses = new TelnetCodec(CONFIG, l2);
      noResponses.receive(h("fffd28 fffa280802fff0 fffa28020449424d2d333237382d342d45fff0"));
      noResponses.receive(h("fffa28030700fff0"));
      noResponses.receive(h(BIND_7E));
      l2.takeSent();
      noResponses.sendRecord(DataType.DATA_3270, h("7d"));
      noResponses.sendRecord(DataType.DATA_3270, h("7d"));
      assertThat(hex(l2.takeSent())).isEqualTo("00000000007dffef00000000007dffef");
    }

    @Test
    void attn() {
      TelnetCodec c = tn3270e("00020405");
      assertThat(c.sendAttn()).isFalse(); // not bound
      feed(c, BIND_7E);
      assertThat(c.sendAttn()).isTrue();
      assertThat(hex(l.takeSent())).isEqualTo("fff4");
      l.modes.clear();

      RecordingListener l2 = new RecordingListener();
      TelnetCodec plain = new TelnetCodec(CONFIG, l2);
      assertThat(plain.sendAttn()).isFalse();
      plain.receive(h("fffd18 fffa1801fff0 fffb00 fffd00 fffb19 fffd19"));
      l2.takeSent();
      assertThat(plain.sendAttn()).isTrue();
      assertThat(hex(l2.takeSent())).isEqualTo("fff3");
    }

    @Test
    void sysReqTogglesSscpAndLuSessions() {
      TelnetCodec c = tn3270e("00020405");
      assertThat(c.sendSysReq()).isFalse(); // unbound
      feed(c, BIND_7E);
      assertThat(c.sendSysReq()).isTrue();
      assertThat(hex(l.takeSent())).isEqualTo("fff5");
      assertThat(c.mode()).isEqualTo(TelnetMode.TN3270E_SSCP_LU);
      assertThat(c.sendSysReq()).isTrue();
      assertThat(c.mode()).isEqualTo(TelnetMode.TN3270E_3270);

      RecordingListener l2 = new RecordingListener();
      TelnetCodec noSysReq = new TelnetCodec(CONFIG, l2);
      noSysReq.receive(h("fffd28 fffa280802fff0 fffa28020449424d2d333237382d342d45fff0"));
      noSysReq.receive(h("fffa28030700fff0"));
      noSysReq.receive(h(BIND_7E));
      assertThat(noSysReq.sendSysReq()).isFalse();
    }

    @Test
    void wontTn3270eFromTheHostIsTreatedAsDont() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd28 fffa280802fff0");
      assertThat(feed(c, "fffc28")).isEqualTo("fffc28");
      assertThat(feed(c, "fffc28")).isEmpty();
    }

    @Test
    void functionsAreConfigurable() {
      TelnetCodec c =
          codec(
              CONFIG.withFunctions(
                  EnumSet.of(
                      Tn3270eFunction.BIND_IMAGE,
                      Tn3270eFunction.RESPONSES,
                      Tn3270eFunction.SYSREQ)));
      feed(c, "fffd28 fffa280802fff0");
      assertThat(feed(c, "fffa28020449424d2d333237382d342d45fff0"))
          .isEqualTo("fffa280307000204fff0");
    }
  }

  @Nested
  class StartTls {
    @Test
    void acceptedAtTheCallersRequest() {
      TelnetCodec c = codec(CONFIG);
      assertThat(feed(c, "fffd2e")).isEmpty();
      assertThat(l.startTlsRequests).isEqualTo(1);
      assertThat(c.acceptStartTls()).isTrue();
      assertThat(hex(l.takeSent())).isEqualTo("fffb2efffa2e01fff0");
      assertThat(c.acceptStartTls()).isFalse();
      byte[] in = h("fffa2e01fff0 160301");
      assertThat(c.receive(in)).isEqualTo(6);
      assertThat(l.startTlsFollows).isEqualTo(1);
      // After the handshake the caller feeds decrypted bytes; negotiation carries on.
      assertThat(feed(c, "fffd28")).isEqualTo("fffb28");
    }

    @Test
    void refused() {
      TelnetCodec c = codec(CONFIG);
      feed(c, "fffd2e");
      assertThat(c.refuseStartTls()).isTrue();
      assertThat(hex(l.takeSent())).isEqualTo("fffc2e");
      assertThat(c.refuseStartTls()).isFalse();
      assertThat(feed(c, "fffa2e01fff0")).isEmpty();
      assertThat(l.errors).hasSize(1);
      assertThat(l.startTlsFollows).isZero();
    }
  }
}
