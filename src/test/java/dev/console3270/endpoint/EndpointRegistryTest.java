package dev.console3270.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EndpointRegistryTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final EndpointRegistry registry = new EndpointRegistry(now::get);

  private static final ProbeOutcome OK = new ProbeOutcome(CheckResult.L7OK, 1_000_000, "");
  private static final ProbeOutcome FAIL = new ProbeOutcome(CheckResult.L4CON, 0, "refused");

  private EndpointView view(String name) {
    return registry.get(name).orElseThrow();
  }

  private void record(String name, ProbeOutcome... outcomes) {
    for (ProbeOutcome o : outcomes) {
      registry.recordCheck(name, o);
    }
  }

  @Test
  void newEndpointStartsUpGoingDownAsHaproxy() {
    registry.add(Endpoint.of("a", "h", 23));
    EndpointView v = view("a");
    assertThat(v.health()).isEqualTo(Health.UP);
    assertThat(v.healthCounter()).isEqualTo(2); // = rise
    assertThat(v.lastResult()).isNull();
    record("a", FAIL);
    assertThat(view("a").health()).isEqualTo(Health.DOWN);
    assertThat(view("a").healthCounter()).isZero();
    assertThat(view("a").lastResult()).isEqualTo(CheckResult.L4CON);
    assertThat(view("a").lastDetail()).isEqualTo("refused");
  }

  @Test
  void riseAndFallFollowHaproxysCounter() {
    registry.add(Endpoint.of("a", "h", 23), HealthCheckConfig.DEFAULT.withRiseFall(2, 3));
    record("a", OK); // rise reached: counter jumps to rise+fall-1
    assertThat(view("a").healthCounter()).isEqualTo(4);
    record("a", FAIL, FAIL);
    assertThat(view("a").health()).isEqualTo(Health.UP);
    assertThat(view("a").healthCounter()).isEqualTo(2);
    record("a", OK); // a success while still UP restores the full counter
    assertThat(view("a").healthCounter()).isEqualTo(4);
    record("a", FAIL, FAIL, FAIL); // fall consecutive failures
    assertThat(view("a").health()).isEqualTo(Health.DOWN);
    assertThat(view("a").healthCounter()).isZero();
    record("a", OK);
    assertThat(view("a").health()).isEqualTo(Health.DOWN);
    assertThat(view("a").healthCounter()).isEqualTo(1);
    record("a", FAIL); // a failure while going up starts the rise again
    assertThat(view("a").healthCounter()).isZero();
    record("a", OK, OK);
    assertThat(view("a").health()).isEqualTo(Health.UP);
    assertThat(view("a").healthCounter()).isEqualTo(4);
  }

  @Test
  void onlyL7OkIsASuccess() {
    registry.add(
        Endpoint.of("a", "h", 23),
        HealthCheckConfig.DEFAULT.withInitialHealth(InitialHealth.FULLY_DOWN));
    for (CheckResult r : CheckResult.values()) {
      if (r != CheckResult.L7OK) {
        record("a", new ProbeOutcome(r, 0, ""), new ProbeOutcome(r, 0, ""));
        assertThat(view("a").health()).as(r.name()).isEqualTo(Health.DOWN);
      }
    }
  }

  @Test
  void initialHealthOptions() {
    HealthCheckConfig c = HealthCheckConfig.DEFAULT.withRiseFall(3, 2);
    registry.add(Endpoint.of("fu", "h", 1), c.withInitialHealth(InitialHealth.FULLY_UP));
    registry.add(Endpoint.of("d", "h", 1), c.withInitialHealth(InitialHealth.DOWN));
    registry.add(Endpoint.of("fd", "h", 1), c.withInitialHealth(InitialHealth.FULLY_DOWN));
    record("fu", FAIL);
    assertThat(view("fu").health()).isEqualTo(Health.UP);
    record("fu", FAIL);
    assertThat(view("fu").health()).isEqualTo(Health.DOWN);
    assertThat(view("d").health()).isEqualTo(Health.DOWN);
    record("d", OK);
    assertThat(view("d").health()).isEqualTo(Health.UP);
    record("fd", OK, OK);
    assertThat(view("fd").health()).isEqualTo(Health.DOWN);
    record("fd", OK);
    assertThat(view("fd").health()).isEqualTo(Health.UP);
  }

  @Test
  void adminStatesAndListeners() {
    List<String> events = new ArrayList<>();
    registry.addListener(
        new EndpointListener() {
          @Override
          public void adminStateChanged(EndpointView view, AdminState previous) {
            throw new IllegalStateException("broken listener");
          }
        });
    registry.addListener(
        new EndpointListener() {
          @Override
          public void endpointAdded(EndpointView view) {
            events.add("added " + view.name());
          }

          @Override
          public void adminStateChanged(EndpointView view, AdminState previous) {
            // the registry's lock is free: reading it from a listener works
            events.add(previous + "->" + registry.get(view.name()).orElseThrow().adminState());
          }

          @Override
          public void healthChanged(EndpointView view, Health previous) {
            events.add(view.name() + " " + previous + "->" + view.health());
          }

          @Override
          public void endpointRemoved(Endpoint endpoint) {
            events.add("removed " + endpoint.name());
          }
        });
    registry.add(Endpoint.of("a", "h", 23));
    registry.drain("a");
    assertThat(view("a").eligible()).isFalse();
    registry.disable("a");
    record("a", FAIL); // checks paused while disabled: ignored
    assertThat(view("a").health()).isEqualTo(Health.UP);
    assertThat(view("a").lastResult()).isNull();
    registry.enable("a");
    assertThat(view("a").eligible()).isTrue();
    record("a", FAIL);
    registry.remove("a");
    assertThat(events)
        .containsExactly(
            "added a",
            "ENABLED->DRAINING",
            "DRAINING->DISABLED",
            "DISABLED->ENABLED",
            "a UP->DOWN",
            "removed a");
    assertThat(registry.list()).isEmpty();
  }

  @Test
  void enablingAfterDisableRestartsFromInitialHealth() {
    registry.add(Endpoint.of("a", "h", 23));
    record("a", FAIL);
    assertThat(view("a").health()).isEqualTo(Health.DOWN);
    registry.disable("a");
    registry.enable("a");
    assertThat(view("a").health()).isEqualTo(Health.UP);
    assertThat(view("a").healthCounter()).isEqualTo(2);
  }

  @Test
  void editingErrors() {
    registry.add(Endpoint.of("a", "h", 23));
    assertThatThrownBy(() -> registry.add(Endpoint.of("a", "h2", 24)))
        .hasMessageContaining("'a' already exists");
    assertThatThrownBy(() -> registry.drain("zz")).hasMessageContaining("no endpoint named 'zz'");
    assertThatThrownBy(() -> registry.remove("zz")).hasMessageContaining("known: [a]");
    assertThat(registry.list()).hasSize(1); // nothing lost
  }

  @Test
  void updateKeepsStateButANewAddressStartsOver() {
    registry.add(Endpoint.of("a", "h", 23));
    record("a", OK);
    registry.drain("a");
    registry.update(Endpoint.of("a", "h", 23).withWeight(9));
    assertThat(view("a").endpoint().weight()).isEqualTo(9);
    assertThat(view("a").adminState()).isEqualTo(AdminState.DRAINING);
    assertThat(view("a").healthCounter()).isEqualTo(4);
    assertThat(view("a").latency().samples()).isEqualTo(1);
    registry.update(Endpoint.of("a", "other", 23));
    assertThat(view("a").healthCounter()).isEqualTo(2);
    assertThat(view("a").latency().known()).isFalse();
    assertThatThrownBy(() -> registry.update(Endpoint.of("b", "h", 1)))
        .hasMessageContaining("no endpoint named 'b'");
  }

  @Test
  void passiveFailuresEjectUntilActiveChecksRise() {
    registry.add(Endpoint.of("a", "h", 23));
    List<Health> changes = new ArrayList<>();
    registry.addListener(
        new EndpointListener() {
          @Override
          public void healthChanged(EndpointView view, Health previous) {
            changes.add(view.health());
          }
        });
    registry.reportConnectFailure("a");
    registry.reportUnexpectedDrop("a");
    registry.reportSuccess("a"); // resets the consecutive count
    registry.reportConnectFailure("a");
    registry.reportConnectFailure("a");
    assertThat(view("a").health()).isEqualTo(Health.UP);
    assertThat(view("a").consecutivePassiveFailures()).isEqualTo(2);
    registry.reportUnexpectedDrop("a");
    EndpointView v = view("a");
    assertThat(v.health()).isEqualTo(Health.DOWN);
    assertThat(v.ejected()).isTrue();
    assertThat(v.lastDetail()).contains("ejected after 3 consecutive failures");
    registry.reportSuccess("a"); // passive success does not bring it back
    assertThat(view("a").health()).isEqualTo(Health.DOWN);
    record("a", OK);
    assertThat(view("a").health()).isEqualTo(Health.DOWN);
    record("a", OK);
    assertThat(view("a").health()).isEqualTo(Health.UP);
    assertThat(view("a").ejected()).isFalse();
    assertThat(changes).containsExactly(Health.DOWN, Health.UP);
  }

  @Test
  void latencyWindowKeepsTheLastTwentySuccesses() {
    registry.add(Endpoint.of("a", "h", 23));
    for (int i = 1; i <= 25; i++) {
      record("a", new ProbeOutcome(CheckResult.L7OK, i * 1_000_000L, ""));
    }
    record("a", new ProbeOutcome(CheckResult.L7TOUT, 999_000_000L, ""));
    LatencyStats s = view("a").latency();
    assertThat(s.samples()).isEqualTo(20);
    // samples 6..25 ms: mean 15.5 ms, p95 (nearest rank 19 of 20) = 24 ms
    assertThat(s.meanMicros()).isEqualTo(15_500);
    assertThat(s.p95Micros()).isEqualTo(24_000);
  }

  @Test
  void slowStartRampsFromTenPercent() {
    registry.setSlowStart(Duration.ofSeconds(30));
    registry.add(Endpoint.of("a", "h", 23).withWeight(10));
    assertThat(view("a").weightFactor()).isEqualTo(1.0); // a new endpoint is not ramped
    record("a", FAIL, OK, OK);
    assertThat(view("a").weightFactor()).isEqualTo(0.1);
    now.addAndGet(Duration.ofSeconds(15).toNanos());
    assertThat(view("a").weightFactor()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    now.addAndGet(Duration.ofSeconds(15).toNanos());
    assertThat(view("a").weightFactor()).isEqualTo(1.0);
  }

  @Test
  void fallbackCyclesAreRefused() {
    registry.setFallback("a", "b");
    registry.setFallback("b", "c");
    assertThatThrownBy(() -> registry.setFallback("c", "a"))
        .hasMessageContaining("would loop")
        .hasMessageContaining("[c, a, b, c]");
    assertThatThrownBy(() -> registry.setFallback("a", "a")).hasMessageContaining("would loop");
    assertThat(registry.fallback("c")).isEmpty();
    registry.setFallback("a", null);
    assertThat(registry.fallback("a")).isEmpty();
  }

  @Test
  void activeSessionsAreCountedByTheRegistry() {
    registry.add(Endpoint.of("a", "h", 23));
    assertThat(registry.sessionOpened("a")).isTrue();
    assertThat(registry.sessionOpened("a")).isTrue();
    assertThat(view("a").activeSessions()).isEqualTo(2);
    assertThat(registry.sessionClosed("a")).isTrue();
    assertThat(registry.activeSessions("a")).isEqualTo(1);
    assertThat(registry.setActiveSessions("a", 7)).isTrue();
    assertThat(view("a").activeSessions()).isEqualTo(7);
    registry.setActiveSessions("a", 0);
    registry.sessionClosed("a"); // more closes than opens: stays at 0
    assertThat(registry.activeSessions("a")).isZero();
    assertThat(registry.sessionOpened("gone")).isFalse();
    assertThat(registry.activeSessions("gone")).isZero();
    assertThatThrownBy(() -> registry.setActiveSessions("a", -1))
        .hasMessage("active sessions of 'a' must be >= 0, got -1");
  }
}
