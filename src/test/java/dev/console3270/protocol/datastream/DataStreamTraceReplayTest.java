package dev.console3270.protocol.datastream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.console3270.protocol.LockReason;
import dev.console3270.protocol.ProtocolException;
import dev.console3270.protocol.TerminalState;
import dev.console3270.protocol.trace.TraceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the host records of the x3270 trace corpus through the processor. */
class DataStreamTraceReplayTest {

  /** The outcome of a replay: the state and the errors, one per rejected record. */
  record Replay(TerminalState state, List<ProtocolException> errors, FakeReplies replies) {}

  static Replay replay(String name) {
    TraceFile t = TraceRecords.load(name);
    TerminalState state = new TerminalState(TraceRecords.model(t), null);
    FakeReplies replies = new FakeReplies();
    DataStreamProcessor p = new DataStreamProcessor(state, replies);
    List<ProtocolException> errors = new ArrayList<>();
    for (TraceRecords.HostRecord r : TraceRecords.records(t)) {
      if (r.bind()) {
        int[] alt = TraceRecords.bindAlternate(r.data());
        if (alt != null) {
          state.screen().setAlternateSize(alt[0], alt[1]);
        }
        continue;
      }
      try {
        p.apply(r.data(), 0, r.data().length);
      } catch (ProtocolException e) {
        errors.add(e);
      }
      assertConsistent(state);
    }
    return new Replay(state, errors, replies);
  }

  static void assertConsistent(TerminalState state) {
    var s = state.screen();
    assertThat(s.cursor()).isBetween(0, s.size() - 1);
    assertThat(s.size()).isEqualTo(s.rows() * s.cols());
  }

  static Stream<String> allTraces() throws IOException {
    try (Stream<Path> files = Files.list(TraceRecords.corpus())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".trc"))
          .sorted()
          .toList()
          .stream();
    }
  }

  static Stream<String> malformedTraces() throws IOException {
    return allTraces()
        .filter(n -> n.startsWith("b3270__short_") || n.startsWith("b3270__invalid_"));
  }

  @Test
  void loginFinalScreenMatchesS3270PrintText() throws IOException {
    Replay r = replay("s3270__login.trc");
    assertThat(r.errors()).isEmpty();
    List<String> expected =
        Files.readAllLines(
            TraceRecords.corpus().resolve("s3270__login.txt"), StandardCharsets.UTF_8);
    List<String> actual = ScreenText.lines(r.state().screen());
    assertThat(r.state().screen().rows()).isEqualTo(43);
    List<String> exp = expected.stream().map(DataStreamTraceReplayTest::stripRight).toList();
    List<String> act = actual.stream().map(DataStreamTraceReplayTest::stripRight).toList();
    assertThat(act).containsExactlyElementsOf(exp.subList(0, act.size()));
  }

  private static String stripRight(String s) {
    return s.replaceAll("\\s+$", "");
  }

  /**
   * Final cursor, size and one row of text as s3270 4.1 (Debian) showed them ({@code Ascii()},
   * {@code Query(Cursor)}) after the trace's host bytes were replayed to it from a local socket.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "b3270__reverse.trc|1|8|43|80|1| Field:",
        "b3270__invisible_underscore.trc|0|8|43|80|0| Field:",
        "c3270__alt.trc|0|0|27|132|0| Hello",
        "s3270__devname_change1.trc|22|4|24|80|8| menu-u   Menu using unformatted 3270 screen",
        "s3270__devname_success.trc|22|4|24|80|0|x3270 test target (formatted 3270)",
        "s3270__ft_cut.trc|22|0|24|80|3|CONNECT= 00:05:14 VIRTCPU= 000:00.38 TOTCPU= 000:00.78",
        "s3270__ft-double.trc|22|0|24|80|1|Ready; T=0.08/0.09 03:58:26",
        "s3270__numeric.trc|1|0|43|80|0|This is the read-only field at the top of the screen.",
        "s3270__ra_test.trc|0|0|43|80|0| 00000000",
        "s3270__wrap.trc|6|35|24|80|6| Internal Trace Status       ===>  STARTED      STArted, STOpped",
        "s3270__sruvm.trc|41|0|43|80|1|LOGOFF AT 11:44:26 EDT MONDAY 06/29/09",
        "s3270__target.trc|22|4|24|80|3| ibmlink  TN3270 protocol server simulating ibmlink, with help"
            + " screens",
        "s3270__login.trc|5|32|43|80|23|                                        (C) COPYRIGHT IBM CORP."
            + " 1980, 2021."
      })
  void finalScreenMatchesS3270(
      String name, int curRow, int curCol, int rows, int cols, int row, String text) {
    Replay r = replay(name);
    var s = r.state().screen();
    assertThat(r.errors()).isEmpty();
    assertThat(s.rows()).isEqualTo(rows);
    assertThat(s.cols()).isEqualTo(cols);
    assertThat(s.cursor()).isEqualTo(curRow * cols + curCol);
    assertThat(stripRight(ScreenText.row(s, row))).isEqualTo(text);
  }

  @ParameterizedTest
  @MethodSource("allTraces")
  void everyTraceReplaysWithOnlyProtocolExceptions(String name) {
    // Anything but ProtocolException escapes replay() and fails the test.
    Replay r = replay(name);
    assertConsistent(r.state());
    if (!name.startsWith("b3270__short_")
        && !name.startsWith("b3270__invalid_")
        && !name.equals("b3270__no_flags.trc")) {
      // x3270 accepted every record of these traces.
      assertThat(r.errors()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("malformedTraces")
  void malformedWritesAreRejectedAndLeaveAConsistentModel(String name) {
    Replay r = replay(name);
    // Each of these traces ends with one bad EWA (or an unknown command) that x3270 rejects.
    assertThat(r.errors()).hasSize(1);
    TerminalState state = r.state();
    if (!name.equals("b3270__invalid_command.trc")) {
      // EWA(reset,restore,resetMDT): the BIND made the alternate size 24x80; the erase happened,
      // and x3270 still restores the keyboard after the aborted write.
      assertThat(state.screen().isAlternate()).isTrue();
      assertThat(state.screen().rows()).isEqualTo(24);
      assertThat(state.lockReasons()).doesNotContain(LockReason.AWAITING_FIRST, LockReason.SYSTEM);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "b3270__short_eua.trc, 2, missing EUA address",
    "b3270__short_ge.trc, 2, missing GE character",
    "b3270__short_mf_attr.trc, 9, missing MF attribute",
    "b3270__short_mf_count.trc, 2, missing MF count",
    "b3270__short_ra_addr.trc, 2, missing RA address",
    "b3270__short_ra_char.trc, 2, missing RA character",
    "b3270__short_ra_ge.trc, 2, missing RA GE character",
    "b3270__short_sa.trc, 2, missing SA attribute",
    "b3270__short_sba.trc, 2, missing SBA address",
    "b3270__short_sf.trc, 2, missing SF attribute",
    "b3270__short_sfe_attr.trc, 4, missing SFE attribute",
    "b3270__invalid_ra.trc, 2, RA address 3439",
    "b3270__no_flags.trc, 1, without WCC"
  })
  void eachMalformedTraceFailsAtItsBadOrder(String name, int offset, String reason) {
    Replay r = replay(name);
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).offset()).isEqualTo(offset);
    assertThat(r.errors().get(0).reason()).contains(reason);
  }

  @Test
  void invalidSbaIsRejectedAtTheOrderWithEarlierScreensIntact() {
    Replay r = replay("b3270__invalid_sba.trc");
    ProtocolException e = r.errors().get(0);
    assertThat(e.reason()).contains("SBA address 3439");
    assertThat(e.offset()).isEqualTo(2);
    // The earlier Read Partition Query was answered.
    assertThat(r.replies().calls).contains("query");
  }

  @Test
  void invalidCommandIsACommandReject() throws ProtocolException {
    TerminalState state =
        new TerminalState(
            TraceRecords.model(TraceRecords.load("b3270__invalid_command.trc")), null);
    DataStreamProcessor p = new DataStreamProcessor(state, new FakeReplies());
    byte[] rec = {0x7f, (byte) 0xfe};
    assertThatThrownBy(() -> p.apply(rec, 0, rec.length))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("X'7F'");
    assertThat(p.lastRejection()).isEqualTo(DataStreamProcessor.Rejection.COMMAND_REJECT);
  }
}
