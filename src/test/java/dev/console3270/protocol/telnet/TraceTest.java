package dev.console3270.protocol.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.trace.TraceFile;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays the x3270 trace corpus through the codec. */
class TraceTest {

  /** The trace whose snapshot burst x3270's answers were left out of (see TraceReplay). */
  private static final String SNAPSHOT_WITHOUT_ANSWERS = "s3270__ft-double.trc";

  static Stream<String> tracesWithEmulatorOutput() {
    return Conformance.allTraces().stream()
        .filter(
            n ->
                n.equals(Conformance.MISSING)
                    || Conformance.trace(n).bursts().stream().anyMatch(b -> !b.fromHost()));
  }

  static Stream<String> negotiationTraces() {
    return tracesWithEmulatorOutput().filter(n -> !n.equals(SNAPSHOT_WITHOUT_ANSWERS));
  }

  static Stream<String> allTraces() {
    return Conformance.allTraces().stream();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3270__login.trc",
        "s3270__contention-resolution.trc",
        "s3270__devname_change1.trc",
        "s3270__devname_change2.trc",
        "s3270__devname_failure.trc",
        "s3270__devname_success.trc",
        "s3270__wont-tn3270e.trc",
        "s3270__nvt-data.trc",
        "s3270__sscp-lu.trc",
        "s3270__sscp-lu-data.trc",
        "s3270__rpqnames.trc",
        "pr3287__smoke.trc",
        "s3270__testTn.trc"
      })
  void requiredTracesNegotiateByteForByte(String name) {
    TraceReplay.Result r = TraceReplay.negotiate(name, TraceReplay.configFor(name), 0);
    assertThat(r.matched()).as(r.detail()).isTrue();
    assertThat(r.comparedBursts()).as("emulator bursts compared").isPositive();
  }

  @ParameterizedTest
  @MethodSource("negotiationTraces")
  void negotiationMatchesX3270(String name) {
    for (int chunk : new int[] {0, 1, 3}) {
      TraceReplay.Result r = TraceReplay.negotiate(name, TraceReplay.configFor(name), chunk);
      assertThat(r.matched()).as("chunk " + chunk + ": " + r.detail()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("tracesWithEmulatorOutput")
  void wholeConversationReproducible(String name) {
    TraceReplay.Result r =
        TraceReplay.conversation(
            name, TraceReplay.configFor(name), name.equals(SNAPSHOT_WITHOUT_ANSWERS));
    assertThat(r.matched()).as(r.detail()).isTrue();
  }

  @Test
  void snapshotTraceWithoutAnswersIsTheOnlyNegotiationMismatch() {
    TraceReplay.Result r =
        TraceReplay.negotiate(
            SNAPSHOT_WITHOUT_ANSWERS, TraceReplay.configFor(SNAPSHOT_WITHOUT_ANSWERS), 0);
    assertThat(TraceReplay.snapshot(SNAPSHOT_WITHOUT_ANSWERS)).isTrue();
    assertThat(r.matched()).isFalse();
    // The codec answers the snapshot exactly as x3270 did in s3270__ft_cut.trc.
    assertThat(r.detail())
        .contains("codec sent fffb18fffa180049424d2d333237392d322d45fff0fffd00fffb00fffd19fffb19");
  }

  /** Records delivered, in order, as the host framed them (header included in TN3270E). */
  @ParameterizedTest
  @MethodSource("allTraces")
  void deliveredRecordsEqualHostRecords(String name) {
    TraceFile t = Conformance.trace(name);
    // In b3270__ignore_eor the host sends records before the TN3270E FUNCTIONS negotiation has
    // finished; x3270 ignores them ("EOR received when not in 3270 mode"), and so does the codec.
    List<byte[]> expected =
        name.equals("b3270__ignore_eor.trc") ? List.of() : TraceReplay.hostRecords(t.hostBytes());
    for (int chunk : new int[] {0, 2}) {
      OrderedListener l = new OrderedListener();
      TelnetCodec codec = new TelnetCodec(TraceReplay.configFor(name), l);
      for (TraceFile.Burst b : t.bursts()) {
        if (b.fromHost()) {
          TraceReplay.feed(codec, b.data(), chunk);
        }
      }
      assertThat(hex(l.events)).as(name + " chunk " + chunk).isEqualTo(hex(expected));
      assertThat(l.errors).as(name).isEmpty();
    }
  }

  @Test
  void tn3270eTracesDeliverTheRightKinds() {
    OrderedListener l = replay("s3270__sscp-lu.trc");
    assertThat(l.binds).extracting(BindImage::pluName).containsExactly("TELNET", "A06TSO01");
    assertThat(l.binds.get(0).defaultRows()).isEqualTo(24);
    assertThat(l.binds.get(0).altRows()).isEqualTo(24);
    assertThat(l.unbinds).startsWith(1);
    assertThat(l.kinds).contains(DataType.DATA_3270, DataType.SSCP_LU_DATA, DataType.BID);
    assertThat(l.modes).contains(TelnetMode.TN3270E_3270, TelnetMode.TN3270E_UNBOUND);

    OrderedListener nvt = replay("s3270__nvt-data.trc");
    assertThat(nvt.kinds).contains(DataType.NVT_DATA);
    assertThat(nvt.modes).endsWith(TelnetMode.TN3270E_NVT);

    OrderedListener sscp = replay("s3270__sscp-lu-data.trc");
    assertThat(sscp.kinds).contains(DataType.SSCP_LU_DATA);
    assertThat(sscp.modes).endsWith(TelnetMode.TN3270E_SSCP_LU);
  }

  @Test
  void loginTraceIsPlainTn3270() {
    OrderedListener l = new OrderedListener();
    TelnetCodec codec = run("s3270__login.trc", l);
    assertThat(codec.mode()).isEqualTo(TelnetMode.TN3270);
    assertThat(codec.binaryIn()).isTrue();
    assertThat(codec.binaryOut()).isTrue();
    assertThat(codec.eorIn()).isTrue();
    assertThat(codec.eorOut()).isTrue();
    assertThat(codec.localOption(TelnetCodec.OPT_NEW_ENVIRON)).isTrue();
    assertThat(l.kinds).isEmpty();
    assertThat(l.events).isNotEmpty();
  }

  @Test
  void contentionResolutionTraceState() {
    OrderedListener l = new OrderedListener();
    TelnetCodec codec = run("s3270__contention-resolution.trc", l);
    assertThat(l.modes).contains(TelnetMode.TN3270E_3270);
    assertThat(codec.mode().isTn3270e()).isTrue();
    assertThat(codec.deviceType()).isEqualTo("IBM-3278-2-E");
    assertThat(codec.luName()).isEqualTo("SC0TCP07");
    assertThat(codec.functions())
        .containsExactlyInAnyOrder(
            Tn3270eFunction.BIND_IMAGE,
            Tn3270eFunction.RESPONSES,
            Tn3270eFunction.SYSREQ,
            Tn3270eFunction.CONTENTION_RESOLUTION);
    assertThat(l.binds).isNotEmpty();
    assertThat(l.headers.get(0).requestFlag()).isEqualTo(Tn3270eHeader.RQF_SEND_DATA);
  }

  @Test
  void wontTn3270eFallsBackToTn3270() {
    OrderedListener l = new OrderedListener();
    TelnetCodec codec = run("s3270__wont-tn3270e.trc", l);
    assertThat(l.modes)
        .containsSubsequence(TelnetMode.TN3270E_UNBOUND, TelnetMode.PENDING, TelnetMode.TN3270);
    assertThat(codec.mode()).isEqualTo(TelnetMode.TN3270);
    assertThat(codec.functions()).isEmpty();
    assertThat(l.events).hasSize(2);
  }

  @Test
  void devnameFailureStopsCountingAtNine() {
    RecordingListener l = new RecordingListener();
    String name = "s3270__devname_failure.trc";
    TelnetCodec codec = new TelnetCodec(TraceReplay.configFor(name), l);
    codec.receive(Conformance.trace(name).hostBytes());
    String all = new String(l.sent.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(all).contains("foo1", "foo8", "foo9").doesNotContain("foo10");
    assertThat(all.indexOf("foo9")).isLessThan(all.lastIndexOf("foo9"));
  }

  private static TelnetCodec run(String name, OrderedListener l) {
    TelnetCodec codec = new TelnetCodec(TraceReplay.configFor(name), l);
    codec.receive(Conformance.trace(name).hostBytes());
    return codec;
  }

  private static OrderedListener replay(String name) {
    OrderedListener l = new OrderedListener();
    run(name, l);
    return l;
  }

  private static List<String> hex(List<byte[]> list) {
    List<String> out = new ArrayList<>();
    for (byte[] b : list) {
      out.add(HexFormat.of().formatHex(b));
    }
    return out;
  }

  /** Rebuilds each record the codec reports, framed as the host sent it. */
  static final class OrderedListener implements TelnetListener {
    final List<byte[]> events = new ArrayList<>();
    final List<DataType> kinds = new ArrayList<>();
    final List<Tn3270eHeader> headers = new ArrayList<>();
    final List<BindImage> binds = new ArrayList<>();
    final List<Integer> unbinds = new ArrayList<>();
    final List<TelnetMode> modes = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public void send(byte[] bytes) {}

    @Override
    public void record(Tn3270eHeader header, byte[] data) {
      if (header == null) {
        events.add(data);
        return;
      }
      kinds.add(header.dataType());
      headers.add(header);
      events.add(concat(header.toBytes(), data));
    }

    @Override
    public void nvtData(byte[] data) {}

    @Override
    public void modeChanged(TelnetMode mode) {
      modes.add(mode);
    }

    @Override
    public void bind(BindImage bind) {
      binds.add(bind);
      events.add(concat(new byte[] {3, 0, 0, 0, 0}, bind.raw()));
    }

    @Override
    public void unbind(int reason) {
      unbinds.add(reason);
      events.add(
          reason < 0 ? new byte[] {4, 0, 0, 0, 0} : new byte[] {4, 0, 0, 0, 0, (byte) reason});
    }

    @Override
    public void bid(Tn3270eHeader header) {
      kinds.add(DataType.BID);
      events.add(header.toBytes());
    }

    @Override
    public void protocolError(dev.console3270.protocol.ProtocolException error) {
      errors.add(error.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
      byte[] r = new byte[a.length + b.length];
      System.arraycopy(a, 0, r, 0, a.length);
      System.arraycopy(b, 0, r, a.length, b.length);
      return r;
    }
  }
}
