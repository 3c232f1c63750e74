package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.host.DemoHost;
import dev.console3270.protocol.screen.ScreenText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace started with {@code Trace(On)} while signing on to the demo host: the password typed into
 * the non-display field never reaches the file, the file is owner-only, and the redacted trace
 * still replays (PASS) against a client that signs on again.
 */
@Timeout(60)
class TracePrivacyTest {

  /** "DEMO3270" in EBCDIC (CP 037), as the client sends it. */
  private static final String PASSWORD_HEX = "c4c5d4d6f3f2f7f0";

  private SessionEngine engine;

  @BeforeEach
  void setUp() {
    engine = new SessionEngine(2, "test");
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  /** Signs on through the action language; the caller has started or not started a trace. */
  private static void signOn(ActionInterpreter in, int port) {
    ok(in, "Connect(127.0.0.1:" + port + ")");
    ok(in, "Wait(10,InputField)");
    ok(in, "String(DEMO)");
    ok(in, "Tab()");
    ok(in, "String(DEMO3270)");
    ok(in, "Enter()");
    ok(in, "Wait(10,InputField)");
  }

  /** Replays a trace to a client that signs on again: it must match, byte for byte. */
  private void replaysToANewSignOn(Path file) throws Exception {
    try (ReplayHost replay =
        ReplayHost.start(
            file, ReplayHost.Options.defaults().withReadTimeout(Duration.ofSeconds(5)))) {
      Session session = engine.newSession(SessionProfile.of("127.0.0.1", replay.port()));
      ActionInterpreter in = new ActionInterpreter(session);
      in.setAidTimeout(Duration.ofSeconds(10));
      signOn(in, replay.port());
      assertThat(replay.awaitAllSent(Duration.ofSeconds(20))).isTrue();
      ok(in, "Disconnect()");
      assertThat(replay.awaitFinished(Duration.ofSeconds(10))).isTrue();
      assertThat(replay.firstDifference().map(ReplayHost.Difference::describe)).isEmpty();
      session.close();
    }
  }

  private static ActionResult ok(ActionInterpreter in, String line) {
    ActionResult r = in.execute(line);
    assertThat(r.success()).as(line + " -> " + r.data()).isTrue();
    return r;
  }

  private static String screen(Session s) {
    return String.join("\n", ScreenText.ascii(s.snapshot(), s.codePage()));
  }

  @Test
  void traceOnRedactsThePasswordIsOwnerOnlyAndStillReplays(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("signon.trc");
    try (DemoHost host = DemoHost.start(0, "demo")) {
      Session session = engine.newSession(SessionProfile.of("127.0.0.1", host.port()));
      ActionInterpreter in = new ActionInterpreter(session);
      in.setAidTimeout(Duration.ofSeconds(10));
      ok(in, "Trace(On," + file + ")");
      signOn(in, host.port());
      assertThat(screen(session)).doesNotContain("Sign-on failed").doesNotContain("user id and");
      ok(in, "Disconnect()");
      ok(in, "Trace(Off)");
      session.close();
    }
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    assertThat(text).contains(" Redaction of non-display fields: on");
    String hex = text.replaceAll("(?m)^[^<>].*$", "").replaceAll("(?m)^[<>] 0x\\S+\\s+", "");
    assertThat(hex.replace("\n", "")).doesNotContain(PASSWORD_HEX).contains("5c5c5c5c5c5c5c5c");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    // Replay the redacted trace to a client that signs on again: it matches.
    replaysToANewSignOn(file);
  }

  @Test
  void aScriptsTraceStartedBeforeItsConnectHoldsTheNegotiationAndReplays(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("script.trc");
    try (DemoHost host = DemoHost.start(0, "demo")) {
      // as `console3270 script` runs: the interpreter makes the session at Connect
      ActionInterpreter in =
          new ActionInterpreter(SessionProfile.of("127.0.0.1", 1), p -> engine.newSession(p));
      in.setAidTimeout(Duration.ofSeconds(10));
      assertThat(ok(in, "Trace(On," + file + ")").data()).containsExactly("Trace file is " + file);
      assertThat(ok(in, "Trace()").data()).containsExactly("Trace is on, file " + file);
      signOn(in, host.port());
      ok(in, "Disconnect()");
      ok(in, "Trace(Off)");
    }
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    assertThat(text).contains("< 0x0   fffd28").contains(" Redaction of non-display fields: on");
    replaysToANewSignOn(file);
    // Trace(On) then Trace(Off) before any Connect: nothing is traced
    ActionInterpreter idle =
        new ActionInterpreter(SessionProfile.of("127.0.0.1", 1), p -> engine.newSession(p));
    ok(idle, "Trace(On," + dir.resolve("never.trc") + ")");
    ok(idle, "Trace(Off)");
    assertThat(ok(idle, "Trace()").data()).containsExactly("Trace is off");
    assertThat(dir.resolve("never.trc")).doesNotExist();
  }

  @Test
  void aMarkerMatchesAnyByteOnlyInARedactedTrace() {
    // The wildcard is the marker bytes only: a different display byte still fails.
    String trace =
        "20261124.100000.000 Trace started\n"
            + " Redaction of non-display fields: on\n"
            + "< 0x0   fffd18\n"
            + "> 0x0   fffb18\n"
            + "< 0x0   fffa1801fff0\n"
            + "> 0x0   fffa18c15c5cfff0\n";
    assertThat(ReplayHost.redactedByteMatches(trace)).isTrue();
    assertThat(ReplayHost.redactedByteMatches(trace.replace(": on", ": off"))).isFalse();
    HexFormat h = HexFormat.of();
    assertThat(ReplayHost.sameBytes(h.parseHex("c15c5c"), h.parseHex("c1f1f2"), true)).isTrue();
    assertThat(ReplayHost.sameBytes(h.parseHex("c15c5c"), h.parseHex("c2f1f2"), true)).isFalse();
    assertThat(ReplayHost.sameBytes(h.parseHex("c15c5c"), h.parseHex("c1f1f2"), false)).isFalse();
    assertThat(ReplayHost.sameBytes(h.parseHex("c15c"), h.parseHex("c1f1f2"), true)).isFalse();
  }

  @Test
  void anExistingTraceFileBecomesOwnerOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("old.trc");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (TraceWriter w =
        TraceWriter.open(file, TraceWriter.Header.of(SessionProfile.of("h", 23)), true)) {
      w.note("x");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file))
        .doesNotContain("old")
        .contains("Redaction of non-display fields: on");
  }
}
