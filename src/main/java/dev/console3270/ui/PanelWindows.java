package dev.console3270.ui;

import dev.console3270.audit.AuditOutcome;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.Health;
import dev.console3270.endpoint.Strategy;
import dev.console3270.session.TlsMode;
import dev.console3270.session.pool.PooledSession;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The session pool and endpoint panels, each in a window of its own, refreshed once a second while
 * shown (and after each action), and the actions behind their buttons.
 */
final class PanelWindows {

  private final MainWindow window;
  private final ConsoleContext context;
  private final PoolPanel pool;
  private final EndpointPanel endpoints;
  private final Timeline refresh;
  private Stage poolStage;
  private Stage endpointStage;

  PanelWindows(MainWindow window, ConsoleContext context) {
    this.window = window;
    this.context = context;
    this.pool = new PoolPanel(new PoolActions());
    this.endpoints =
        new EndpointPanel(
            Arrays.stream(Strategy.values()).map(Enum::name).toList(),
            context.balancer().strategy().name(),
            new EndpointActions());
    this.refresh = new Timeline(new KeyFrame(Duration.seconds(1), e -> refresh()));
    refresh.setCycleCount(Timeline.INDEFINITE);
  }

  PoolPanel poolPanel() {
    return pool;
  }

  EndpointPanel endpointPanel() {
    return endpoints;
  }

  /** Shows the session pool window. */
  void showPool() {
    if (poolStage == null) {
      poolStage = stage("Session Pool", pool, 820, 420);
    }
    poolStage.show();
    poolStage.toFront();
    refresh();
    refresh.play();
  }

  /** Shows the endpoints window. */
  void showEndpoints() {
    if (endpointStage == null) {
      endpointStage = stage("Endpoints", endpoints, 1100, 560);
    }
    endpointStage.show();
    endpointStage.toFront();
    refresh();
    refresh.play();
  }

  private Stage stage(String title, javafx.scene.Parent content, double w, double h) {
    Stage s = new Stage();
    s.setTitle("Console3270 - " + title);
    s.setScene(new Scene(content, w, h));
    s.setOnHidden(
        e -> {
          if (!showing()) {
            refresh.stop();
          }
        });
    return s;
  }

  private boolean showing() {
    return poolStage != null && poolStage.isShowing()
        || endpointStage != null && endpointStage.isShowing();
  }

  void close() {
    refresh.stop();
    if (poolStage != null) {
      poolStage.close();
    }
    if (endpointStage != null) {
      endpointStage.close();
    }
  }

  /** Reads the pool and the registry into the panels (FX thread). */
  void refresh() {
    Instant now = Instant.now();
    List<PoolPanel.Row> rows = new ArrayList<>();
    for (PooledSession s : context.pool().list()) {
      rows.add(
          new PoolPanel.Row(
              s.id(),
              s.name(),
              s.endpointName(),
              s.state().name().toLowerCase(Locale.ROOT),
              s.luName() == null ? "" : s.luName(),
              java.time.Duration.between(s.lastActivity(), now).isNegative()
                  ? java.time.Duration.ZERO
                  : java.time.Duration.between(s.lastActivity(), now),
              s.bytesIn(),
              s.bytesOut()));
    }
    StringBuilder summary = new StringBuilder(rows.size() + " sessions");
    for (Map.Entry<dev.console3270.session.pool.PoolState, Integer> e :
        context.pool().stats().entrySet()) {
      if (e.getValue() > 0) {
        summary
            .append(", ")
            .append(e.getValue())
            .append(' ')
            .append(e.getKey().name().toLowerCase(Locale.ROOT));
      }
    }
    pool.show(rows, summary.toString());
    endpoints.show(endpointRows(), context.balancer().strategy().name());
  }

  List<EndpointPanel.Row> endpointRows() {
    List<EndpointPanel.Row> out = new ArrayList<>();
    for (EndpointView v : context.endpoints().list()) {
      Endpoint e = v.endpoint();
      int max = Math.max(1, v.rise() + v.fall() - 1);
      boolean up = v.health() == Health.UP;
      String trend =
          up && v.healthCounter() < max
              ? " going down"
              : !up && v.healthCounter() > 0 ? " going up" : "";
      out.add(
          new EndpointPanel.Row(
              e.name(),
              e.host() + ":" + e.port() + (e.tlsMode() == TlsMode.NONE ? "" : " " + e.tlsMode()),
              e.group(),
              v.adminState().name(),
              v.health().name() + (v.ejected() ? " (ejected)" : ""),
              Math.min(1.0, v.healthCounter() / (double) max),
              v.health() + " " + v.healthCounter() + "/" + max + trend,
              v.lastResult() == null ? "-" : v.lastResult().name(),
              v.latency().known() ? v.latency().meanMicros() / 1000.0 : Double.NaN,
              v.activeSessions(),
              e.maxSessions(),
              e.weight()));
    }
    return out;
  }

  private void saveEndpoints() {
    try {
      context.saveEndpoints().save();
    } catch (IOException | RuntimeException e) {
      window.message("Endpoints not saved: " + e.getMessage());
    }
  }

  /** The pool panel's buttons. */
  private final class PoolActions implements PoolPanel.Actions {
    @Override
    public void pause(String id) {
      act(id, "paused", s -> s.pause());
    }

    @Override
    public void resume(String id) {
      act(id, "resumed", s -> context.pool().unlock(id));
    }

    @Override
    public void migrate(String id) {
      PooledSession s = context.pool().get(id).orElse(null);
      if (s == null) {
        return;
      }
      List<String> names =
          context.endpoints().list().stream()
              .map(EndpointView::name)
              .filter(n -> !n.equals(s.endpointName()))
              .sorted()
              .toList();
      if (names.isEmpty()) {
        window.message("No other endpoint to migrate to");
        return;
      }
      ChoiceDialog<String> d = new ChoiceDialog<>(names.get(0), names);
      d.setTitle("Migrate");
      d.setHeaderText("Move session " + s.name() + " (" + id + ") to");
      d.initOwner(poolStage);
      d.showAndWait().ifPresent(target -> migrateTo(s, target));
    }

    @Override
    public void close(String id) {
      window.tabOf(id).ifPresentOrElse(window::closeTab, () -> context.pool().close(id));
      refresh();
    }

    private void act(String id, String what, java.util.function.Consumer<PooledSession> action) {
      context
          .pool()
          .get(id)
          .ifPresent(
              s -> {
                try {
                  action.accept(s);
                  window.message(s.name() + " " + what);
                } catch (RuntimeException e) {
                  window.message(s.name() + ": " + e.getMessage());
                }
              });
      refresh();
    }
  }

  /** Starts migrating a session to an endpoint; the status bar says how it went. */
  void migrateTo(PooledSession s, String target) {
    Endpoint e = context.endpoints().get(target).orElseThrow().endpoint();
    window.message("Migrating " + s.name() + " to " + target);
    context
        .pool()
        .migrate(
            s.id(),
            target,
            s.profile().withAddress(e.host(), e.port()).withTlsMode(e.tlsMode()),
            window.logonMacro(window.tabOf(s.id()).map(SessionTab::profile).orElse(null)))
        .whenComplete(
            (ok, error) ->
                javafx.application.Platform.runLater(
                    () -> {
                      window.message(
                          error == null
                              ? s.name() + " is on " + target
                              : "Migration failed: " + SessionTab.rootMessage(error));
                      refresh();
                    }));
  }

  /** The endpoint panel's controls. */
  private final class EndpointActions implements EndpointPanel.Actions {
    @Override
    public void save(EndpointPanel.Form f) {
      Endpoint e =
          new Endpoint(
              f.name(),
              f.host(),
              f.port(),
              TlsMode.valueOf(f.tlsMode()),
              f.weight(),
              f.maxSessions(),
              f.group(),
              f.tags());
      String refusal = window.complianceRefusal(e.host(), e.port(), e.tlsMode());
      if (refusal != null) {
        window.admin("save endpoint", "endpoint " + e.name(), AuditOutcome.FAILURE, refusal);
        throw new IllegalArgumentException(refusal);
      }
      boolean exists = context.endpoints().get(e.name()).isPresent();
      if (exists) {
        context.endpoints().update(e);
      } else {
        context.endpoints().add(e);
      }
      window.admin(
          exists ? "update endpoint" : "add endpoint",
          "endpoint " + e.name(),
          AuditOutcome.SUCCESS,
          e.host() + ":" + e.port() + " " + e.tlsMode() + " weight " + e.weight());
      saveEndpoints();
      refresh();
    }

    @Override
    public void drain(String name) {
      context.endpoints().drain(name);
      window.admin("drain endpoint", "endpoint " + name, AuditOutcome.SUCCESS, null);
      saveEndpoints();
      refresh();
    }

    @Override
    public void disable(String name) {
      context.endpoints().disable(name);
      window.admin("disable endpoint", "endpoint " + name, AuditOutcome.SUCCESS, null);
      saveEndpoints();
      refresh();
    }

    @Override
    public void enable(String name) {
      context.endpoints().enable(name);
      window.admin("enable endpoint", "endpoint " + name, AuditOutcome.SUCCESS, null);
      saveEndpoints();
      refresh();
    }

    @Override
    public void remove(String name) {
      context.endpoints().remove(name);
      window.admin("remove endpoint", "endpoint " + name, AuditOutcome.SUCCESS, null);
      saveEndpoints();
      refresh();
    }

    @Override
    public void strategy(String name) {
      context.balancer().setStrategy(Strategy.valueOf(name));
      window.admin("balancing strategy", "balancer", AuditOutcome.SUCCESS, name);
      window.message("Balancing: " + name);
      saveEndpoints();
    }

    @Override
    public EndpointPanel.Form form(String name) {
      Endpoint e = context.endpoints().get(name).orElseThrow().endpoint();
      return new EndpointPanel.Form(
          e.name(),
          e.host(),
          e.port(),
          e.tlsMode().name(),
          e.weight(),
          e.maxSessions(),
          e.group(),
          e.tags());
    }
  }
}
