package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.protocol.codepage.CodePages;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.protocol.telnet.QueryReplyDiff;
import dev.console3270.protocol.telnet.TelnetConfig;
import dev.console3270.protocol.telnet.TerminalTraceTest;
import dev.console3270.protocol.telnet.TraceReplay;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import dev.console3270.testing.Oracle;
import dev.console3270.testing.S3270;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite (docs/CONFORMANCE.md): every trace of the x3270 corpus is replayed by the
 * product's {@link ReplayHost} to our real {@link Session} and, in the same test, to Debian's s3270
 * with the trace's recorded model. Where s3270 4.1 reaches a 3270 screen, the final screen texts
 * must be equal. Every answer our session gives must equal the answer x3270 recorded, but for the
 * documented capability differences. Traces that need what is not built yet are listed in {@link
 * #NOT_YET} with the reason; the suite fails when a listed trace starts to pass, so the list stays
 * true. A table of the results is written to {@code target/conformance.md}.
 */
class ConformanceSuiteTest {

  /** Traces that cannot pass yet, and why. A listed trace that passes fails the suite. */
  static final Map<String, String> NOT_YET =
      Map.ofEntries(
          Map.entry("s3270__930.trc", "DBCS (code page 930) is not built"),
          Map.entry("s3270__935.trc", "DBCS (code page 935) is not built"),
          Map.entry("s3270__937.trc", "DBCS (code page 937) is not built"),
          Map.entry("s3270__dbcs-wrap.trc", "DBCS (code page 939) is not built"),
          Map.entry("s3270__dbcs_combo_mod.trc", "DBCS (code page 930) is not built"),
          Map.entry("s3270__dbcs_combo_mod_field_mode.trc", "DBCS (code page 930) is not built"),
          Map.entry("s3270__ft-crash.trc", "IND$FILE file transfer (DFT) is not built"),
          Map.entry("s3270__ft_dft.trc", "IND$FILE file transfer (DFT) is not built"),
          Map.entry(
              "s3270__ft-double.trc",
              "IND$FILE is not built; the trace starts on a live connection and leaves x3270's"
                  + " answers to its option replay out"),
          Map.entry("c3270__hello.trc", "NVT line mode display is not built"),
          Map.entry("s3270__nvt-data.trc", "NVT (TN3270E NVT-DATA) display is not built"),
          Map.entry(
              "s3270__sruvm.trc",
              "recorded by an older x3270 whose Query Reply differs (8 colours, character sets)"));

  /**
   * Traces where s3270 4.1 shows another screen than the recorded replies imply; we follow the
   * recorded replies (docs/CONFORMANCE.md). Listed so that a change in either shows up.
   */
  static final Map<String, String> S3270_DISAGREES =
      Map.ofEntries(
          Map.entry(
              "b3270__short_ra_addr.trc",
              "s3270 4.1 runs past the end of a short RA order and fills the screen; x3270 4.x"
                  + " rejects the record"),
          Map.entry(
              "b3270__short_ra_char.trc",
              "s3270 4.1 runs past the end of a short RA order and fills the screen; x3270 4.x"
                  + " rejects the record"));

  private static final Map<String, String> TABLE = new TreeMap<>();

  /** All traces; {@code -Dconformance.only=REGEX} runs just the matching ones. */
  static Stream<String> traces() throws IOException {
    String only = System.getProperty("conformance.only");
    return Conformance.traceNames().stream().filter(n -> only == null || n.matches(only));
  }

  record Ours(String state, List<String> screen, List<String> answerDifferences, int operator) {}

  private static String codePageOf(TraceFile trace) {
    String cp = trace.codePage();
    if (cp == null || CodePages.isDbcs(cp) || CodePages.find(cp).isEmpty()) {
      return CodePages.DEFAULT_NAME;
    }
    return cp;
  }

  static Ours replayToOurs(String name) throws Exception {
    TraceFile trace = Conformance.trace(name);
    // Negotiate with the settings x3270 had when it recorded the trace (version, device name,
    // USER, terminal name), as far as its header tells.
    TelnetConfig config = TraceReplay.configFor(name);
    SessionProfile profile =
        SessionProfile.of("127.0.0.1", 1)
            .withModel(TerminalTraceTest.modelOf(trace, config))
            .withCodePage(codePageOf(trace))
            .withConnectTimeout(Duration.ofSeconds(10));
    try (ReplayHost host =
            ReplayHost.start(
                trace, ReplayHost.Options.defaults().withReadTimeout(Duration.ofMillis(1500)));
        SessionEngine engine = new SessionEngine(1, "conformance");
        Session session =
            new Session(profile.withAddress("127.0.0.1", host.port()), engine, config)) {
      session.connect();
      host.awaitAllSent(Duration.ofSeconds(60));
      List<String> screen = settle(session);
      List<String> differences = new ArrayList<>();
      int operator = 0;
      for (ReplayHost.Exchange e : host.exchanges()) {
        byte[] want = e.expected();
        byte[] got = e.actual();
        if (Arrays.equals(want, got)) {
          continue;
        }
        if (got.length == 0) {
          operator++; // keys the operator typed: not in the trace, so not replayed
        } else if (startsWith(want, got)) {
          operator++; // our automatic answer, then keys the operator typed at that point
        } else if (!QueryReplyDiff.sameApartFromCapabilities(want, got)
            && !(operator > 0 && QueryReplyDiff.sameApartFromSequence(want, got))) {
          differences.add(
              "line "
                  + e.line()
                  + ": x3270 "
                  + HexFormat.of().formatHex(want)
                  + " / ours "
                  + HexFormat.of().formatHex(got));
        }
      }
      return new Ours(session.status().state().x3270Name(), screen, differences, operator);
    }
  }

  private static boolean startsWith(byte[] whole, byte[] prefix) {
    return prefix.length < whole.length
        && Arrays.equals(Arrays.copyOf(whole, prefix.length), prefix);
  }

  private static List<String> settle(Session session) throws InterruptedException {
    List<String> last = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(250);
      List<String> now = ScreenText.ascii(session.snapshot(), session.codePage());
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private static List<String> trimmed(List<String> screen) {
    return screen.stream().map(String::stripTrailing).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void ourSessionShowsWhatS3270ShowsAndAnswersAsX3270Did(String name) throws Exception {
    Conformance.dir();
    S3270.assumeAvailable();
    Ours ours = replayToOurs(name);
    Oracle.Result theirs = Oracle.replay(name);
    // s3270 4.1 is a reference only where it reached the state x3270 recorded (and we reached).
    boolean s3270Comparable =
        theirs.connectionState().equals(ours.state()) && !S3270_DISAGREES.containsKey(name);
    boolean screensEqual =
        s3270Comparable && trimmed(ours.screen()).equals(trimmed(theirs.screen()));
    boolean answersEqual = ours.answerDifferences().isEmpty();
    String status;
    if (!answersEqual) {
      status = "answers differ";
    } else if (!s3270Comparable) {
      status = "pass (answers); s3270 4.1: " + theirs.connectionState();
    } else if (screensEqual) {
      status = "pass";
    } else {
      status = "screen differs from s3270";
    }
    TABLE.put(
        name,
        "| "
            + name
            + " | "
            + status
            + " | ours "
            + ours.state()
            + ", s3270 "
            + theirs.connectionState()
            + "; "
            + ours.operator()
            + " operator bursts not replayed | "
            + NOT_YET.getOrDefault(name, "")
            + " |");
    if (S3270_DISAGREES.containsKey(name)) {
      boolean sameAsS3270 = trimmed(ours.screen()).equals(trimmed(theirs.screen()));
      status = sameAsS3270 ? "pass (now equal to s3270)" : "s3270 4.1 disagrees; answers pass";
      TABLE.put(name, "| " + name + " | " + status + " | | " + S3270_DISAGREES.get(name) + " |");
      assertThat(sameAsS3270)
          .as(name + " now equals s3270: remove it from S3270_DISAGREES")
          .isFalse();
      assertThat(ours.answerDifferences()).as("answers that differ from x3270's").isEmpty();
      return;
    }
    boolean passes = answersEqual && (!s3270Comparable || screensEqual);
    if (NOT_YET.containsKey(name)) {
      assertThat(passes)
          .as(name + " passes now: remove it from NOT_YET (" + NOT_YET.get(name) + ")")
          .isFalse();
      return;
    }
    assertThat(ours.answerDifferences()).as("answers that differ from x3270's").isEmpty();
    if (s3270Comparable) {
      assertThat(trimmed(ours.screen())).as("final screen").isEqualTo(trimmed(theirs.screen()));
    }
  }

  @AfterAll
  static void writeTable() throws IOException {
    if (TABLE.isEmpty()) {
      return;
    }
    Path out = Path.of("target", "conformance.md");
    Files.createDirectories(out.getParent());
    List<String> lines = new ArrayList<>();
    lines.add("| trace | status | notes | not yet because |");
    lines.add("| --- | --- | --- | --- |");
    lines.addAll(TABLE.values());
    Files.write(out, lines);
  }
}
