package dev.console3270.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.console3270.protocol.TerminalModel;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.testing.HerculesHost;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session against a real Hercules 3.13 3270 console (skipped without Hercules unless CI). */
class SessionHerculesTest {

  @Test
  @Timeout(120)
  void reachesConnected3270WithTheHerculesLogo() throws Exception {
    HerculesHost.assumeInstalled();
    try (HerculesHost host = HerculesHost.start(1);
        SessionEngine engine = new SessionEngine(1, "hercules")) {
      Session session =
          engine.newSession(
              SessionProfile.of("127.0.0.1", host.port())
                  .withModel(TerminalModel.parse("3279-2-E"))
                  .withConnectTimeout(Duration.ofSeconds(20)));
      SessionEvents events = new SessionEvents();
      session.addListener(events);
      session.connect().get(30, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  ScreenText.asciiText(session.snapshot(), session.codePage())
                      .contains("Hercules Version"));
      SessionStatus status = session.status();
      assertThat(status.state()).isEqualTo(ConnectionState.CONNECTED_3270);
      assertThat(status.terminalName()).isEqualTo("IBM-3279-2-E");
      assertThat(status.tn3270eFunctions()).isEmpty();
      assertThat(ScreenText.ascii(session.snapshot(), session.codePage()))
          .anyMatch(line -> line.contains("Hercules Version"));
      assertThat(events.errors).isEmpty();
      session.disconnect().get(5, TimeUnit.SECONDS);
      assertThat(session.state()).isEqualTo(ConnectionState.NOT_CONNECTED);
    }
  }
}
