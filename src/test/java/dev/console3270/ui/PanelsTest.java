package dev.console3270.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The pool and endpoint panels: rows, selection kept across refreshes, buttons, the chart. */
@ExtendWith(ApplicationExtension.class)
class PanelsTest {

  private final List<String> calls = new ArrayList<>();
  private PoolPanel pool;
  private EndpointPanel endpoints;

  @Start
  void start(Stage stage) {
    pool =
        new PoolPanel(
            new PoolPanel.Actions() {
              @Override
              public void pause(String id) {
                calls.add("pause " + id);
              }

              @Override
              public void resume(String id) {
                calls.add("resume " + id);
              }

              @Override
              public void migrate(String id) {
                calls.add("migrate " + id);
              }

              @Override
              public void close(String id) {
                calls.add("close " + id);
              }
            });
    endpoints =
        new EndpointPanel(
            List.of("ROUND_ROBIN", "LEAST_SESSIONS"),
            "ROUND_ROBIN",
            new EndpointPanel.Actions() {
              @Override
              public void save(EndpointPanel.Form form) {
                calls.add("save " + form.name());
              }

              @Override
              public void drain(String name) {
                calls.add("drain " + name);
              }

              @Override
              public void disable(String name) {
                calls.add("disable " + name);
              }

              @Override
              public void enable(String name) {
                calls.add("enable " + name);
              }

              @Override
              public void remove(String name) {
                throw new IllegalArgumentException("cannot remove " + name + ": it has sessions");
              }

              @Override
              public void strategy(String name) {
                calls.add("strategy " + name);
              }

              @Override
              public EndpointPanel.Form form(String name) {
                return new EndpointPanel.Form(name, "h", 23, "NONE", 1, 0, "default", Set.of());
              }
            });
    stage.setScene(new Scene(new VBox(pool, endpoints), 1000, 800));
    stage.show();
  }

  private static PoolPanel.Row session(String id, String state) {
    return new PoolPanel.Row(
        id, "s-" + id, "alpha", state, "LU1", Duration.ofSeconds(75), 2048, 10);
  }

  private static EndpointPanel.Row endpoint(String name, double latency) {
    return new EndpointPanel.Row(
        name, "127.0.0.1:23", "default", "ENABLED", "UP", 1.0, "UP 5/5", "L7OK", latency, 2, 10, 1);
  }

  @Test
  void poolRowsKeepTheirSelectionAndButtonsActOnIt(FxRobot robot) throws Exception {
    WaitForAsyncUtils.asyncFx(
            () -> {
              pool.show(List.of(session("A1", "connected"), session("B2", "idle")), "2 sessions");
              pool.select("B2");
              pool.show(List.of(session("A1", "connected"), session("B2", "suspended")), "x");
            })
        .get();
    assertThat(pool.rows())
        .extracting(PoolPanel.Row::state)
        .containsExactly("connected", "suspended");
    robot.clickOn("#pool-pause");
    robot.clickOn("#pool-close");
    assertThat(calls).containsExactly("pause B2", "close B2");
    assertThat(PoolPanel.idle(Duration.ofSeconds(75))).isEqualTo("1m15s");
    assertThat(PoolPanel.bytes(2048)).isEqualTo("2.0 kB");
  }

  @Test
  void endpointPanelChartsLatencyAndReportsRefusals(FxRobot robot) throws Exception {
    WaitForAsyncUtils.asyncFx(
            () -> {
              for (int i = 0; i < 5; i++) {
                endpoints.show(
                    List.of(endpoint("alpha", 1.0 + i), endpoint("bravo", 2)), "ROUND_ROBIN");
              }
              endpoints.select("alpha");
            })
        .get();
    assertThat(endpoints.chartPoints()).isEqualTo(5);
    robot.clickOn("#endpoint-drain");
    assertThat(calls).containsExactly("drain alpha");
    robot.clickOn("#endpoint-remove");
    assertThat(robot.lookup("#endpoint-message").queryLabeled().getText())
        .contains("cannot remove alpha");
    WaitForAsyncUtils.asyncFx(
            () ->
                ((javafx.scene.control.ChoiceBox<?>) robot.lookup("#endpoint-strategy").query())
                    .getSelectionModel()
                    .select(1))
        .get();
    assertThat(calls).contains("strategy LEAST_SESSIONS");
    // a refresh that reports the strategy in use does not call back
    WaitForAsyncUtils.asyncFx(() -> endpoints.show(List.of(endpoint("alpha", 1)), "ROUND_ROBIN"))
        .get();
    assertThat(calls.stream().filter(c -> c.startsWith("strategy"))).hasSize(1);
    assertThat(endpoints.rows()).hasSize(1);
  }
}
