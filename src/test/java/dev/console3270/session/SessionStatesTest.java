package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.trace.TraceFile;
import dev.console3270.testing.Conformance;
import dev.console3270.testing.TraceReplayServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Connection states follow the telnet mode, with x3270's names, over x3270 traces. */
@Timeout(60)
class SessionStatesTest {

  /** The states x3270 went through, from the trace's cstate lines. */
  static List<String> x3270States(String name) throws java.io.IOException {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("cstate \\[[a-z0-9-]+\\] -> \\[([a-z0-9-]+)\\]")
            .matcher(Conformance.text(name));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "s3270__login.trc, connected-3270",
    "s3270__contention-resolution.trc, connected-unbound",
    "s3270__sscp-lu-data.trc, connected-sscp",
    "s3270__nvt-data.trc, connected-e-nvt",
    "s3270__sscp-lu.trc, connected-unbound",
    "s3270__wont-tn3270e.trc, connected-3270",
    "s3270__target.trc, connected-tn3270e",
    "s3270__apl_all_ge.trc, connected-tn3270e"
  })
  void theFinalStateIsX3270s(String name, String expected) throws Exception {
    TraceFile trace = Conformance.trace(name);
    try (SessionEngine engine = new SessionEngine(1, "states");
        TraceReplayServer host = new TraceReplayServer(trace, Duration.ofSeconds(1))) {
      Session session =
          engine.newSession(
              SessionProfile.of("127.0.0.1", host.port())
                  .withModel(TerminalModel.parse(trace.model())));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(10, TimeUnit.SECONDS);
      assertThat(host.awaitAllSent(Duration.ofSeconds(30))).isTrue();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> session.state().x3270Name().equals(expected));
      assertThat(events.lastState().x3270Name()).isEqualTo(expected);
      List<String> x3270 = x3270States(name);
      if (x3270.get(0).equals("resolving")) {
        // Most traces end with x3270's disconnect; our session is still connected at this point.
        if (x3270.get(x3270.size() - 1).equals("not-connected")) {
          x3270 = x3270.subList(0, x3270.size() - 1);
        }
        assertThat(events.states.stream().map(ConnectionState::x3270Name).toList())
            .isEqualTo(x3270);
      } else {
        assertThat(x3270).containsExactly(expected);
      }
      assertThat(events.connected.get()).isEqualTo(1);
      // Every negotiation answer the trace holds before the first 3270 data was x3270's.
      assertThat(host.exchanges().get(0).matches()).as(host.exchanges().get(0).toString()).isTrue();
      if (expected.contains("tn3270e")
          || expected.contains("sscp")
          || expected.contains("e-nvt")
          || expected.contains("unbound")) {
        assertThat(session.status().tn3270eFunctions()).isNotEmpty();
      }
    }
  }
}
