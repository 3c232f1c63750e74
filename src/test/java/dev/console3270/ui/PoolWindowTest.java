package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.HealthCheckConfig;
import dev.console3270.endpoint.HealthChecker;
import dev.console3270.host.DemoHost;
import dev.console3270.protocol.screen.ScreenText;
import dev.console3270.session.ProfileStore;
import dev.console3270.session.SavedProfile;
import dev.console3270.session.SessionEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Three demo hosts behind the window's balancer: sessions open on each, one host dies, and the
 * session pool panel shows its session back on another host; the endpoint panel shows it DOWN.
 */
@ExtendWith(ApplicationExtension.class)
class PoolWindowTest {

  private final Map<String, DemoHost> hosts = new LinkedHashMap<>();
  private SessionEngine engine;
  private HealthChecker checker;
  private MainWindow window;
  private ConsoleContext ctx;
  private Stage stage;

  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    engine = new SessionEngine(2, "pool-ui-test");
    Path config = Files.createTempDirectory("console3270-pool");
    new ProfileStore(config.resolve("profiles.json"))
        .save(List.of(SavedProfile.of("unused", "127.0.0.1", 1)));
    ctx =
        TestContexts.of(
            config,
            engine,
            () -> {
              throw new IllegalStateException("no demo host here");
            });
    ctx.endpoints()
        .setDefaultHealthCheck(
            HealthCheckConfig.DEFAULT
                .withTiming(Duration.ofMillis(200), Duration.ofMillis(500))
                .withRiseFall(2, 2));
    for (String name : List.of("ALPHA", "BRAVO", "CHARLIE")) {
      DemoHost h = DemoHost.start(0, name);
      hosts.put(name, h);
      ctx.endpoints().add(Endpoint.of(name, "127.0.0.1", h.port()));
    }
    checker = new HealthChecker(ctx.endpoints());
    checker.start();
    window = new MainWindow(ctx);
    window.show(stage);
  }

  @AfterEach
  void stop() throws Exception {
    WaitForAsyncUtils.asyncFx(() -> stage.close()).get();
    checker.close();
    ctx.pool().close();
    engine.close();
    hosts.values().forEach(DemoHost::close);
  }

  private static void waitFor(String what, java.util.function.BooleanSupplier ok) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, ok::getAsBoolean);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
  }

  private List<PoolPanel.Row> poolRows() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              window.panels().refresh();
              return window.panels().poolPanel().rows();
            })
        .get();
  }

  @Test
  void thePoolPanelShowsSessionsFailingOver(FxRobot robot) throws Exception {
    List<SessionTab> tabs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tabs.add(WaitForAsyncUtils.asyncFx(() -> window.openBalanced("default")).get());
    }
    assertThat(tabs).doesNotContainNull();
    for (SessionTab t : tabs) {
      waitFor(
          "sign-on on " + t.session().endpointName(),
          () ->
              String.join("\n", ScreenText.ascii(t.session().snapshot(), t.session().codePage()))
                  .contains("DEMO HOST SIGN-ON"));
    }
    assertThat(tabs)
        .extracting(t -> t.session().endpointName())
        .containsExactlyInAnyOrder("ALPHA", "BRAVO", "CHARLIE");
    WaitForAsyncUtils.asyncFx(() -> window.panels().showPool()).get();
    WaitForAsyncUtils.asyncFx(() -> window.panels().showEndpoints()).get();
    waitFor("three connected rows", () -> rowsMatch(3, "connected", null));
    SessionTab onBravo =
        tabs.stream().filter(t -> t.session().endpointName().equals("BRAVO")).findFirst().get();

    long killed = System.nanoTime();
    hosts.get("BRAVO").close();
    waitFor("no session left on BRAVO", () -> rowsMatch(3, "connected", "BRAVO"));
    System.out.printf(
        "pool panel: BRAVO's session is on %s after %.0f ms%n",
        onBravo.session().endpointName(), (System.nanoTime() - killed) / 1e6);
    assertThat(onBravo.session().endpointName()).isIn("ALPHA", "CHARLIE");
    waitFor(
        "the failed-over session shows its new host",
        () ->
            String.join(
                    "\n",
                    ScreenText.ascii(onBravo.session().snapshot(), onBravo.session().codePage()))
                .contains(onBravo.session().endpointName()));
    assertThat(onBravo.tab().getText()).doesNotContain("(");
    waitFor(
        "the status bar reports the failover",
        () -> window.messages().stream().anyMatch(m -> m.contains("failed over")));

    waitFor(
        "BRAVO DOWN in the endpoint panel",
        () -> {
          try {
            return WaitForAsyncUtils.asyncFx(
                    () -> {
                      window.panels().refresh();
                      return window.panels().endpointPanel().rows().stream()
                          .anyMatch(r -> r.name().equals("BRAVO") && r.health().startsWith("DOWN"));
                    })
                .get();
          } catch (Exception e) {
            return false;
          }
        });

    // pause and resume from the panel
    String id = onBravo.session().id();
    WaitForAsyncUtils.asyncFx(
            () -> {
              window.panels().showPool(); // in front of the endpoints window
              window.panels().poolPanel().select(id);
            })
        .get();
    robot.clickOn("#pool-pause");
    waitFor("paused", () -> onBravo.session().isPaused());
    robot.clickOn("#pool-resume");
    waitFor("resumed", () -> !onBravo.session().isPaused());
    shoot("pool-panel.png", "Console3270 - Session Pool");
    shoot("endpoint-panel.png", "Console3270 - Endpoints");
  }

  private boolean rowsMatch(int n, String state, String notOn) {
    try {
      List<PoolPanel.Row> rows = poolRows();
      return rows.size() == n
          && rows.stream().allMatch(r -> r.state().equals(state))
          && (notOn == null || rows.stream().noneMatch(r -> r.endpoint().equals(notOn)));
    } catch (Exception e) {
      return false;
    }
  }

  private void shoot(String name, String title) throws Exception {
    WritableImage img =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  for (Window w : Window.getWindows()) {
                    if (w instanceof Stage s && title.equals(s.getTitle())) {
                      return s.getScene().snapshot(null);
                    }
                  }
                  return null;
                })
            .get();
    assertThat(img).as(title).isNotNull();
    Path out = Path.of("target", "screenshots", name);
    Files.createDirectories(out.getParent());
    MainWindow.writePng(img, out);
  }
}
