package dev.console3270.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.console3270.testing.HerculesHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {
  private static final HealthCheckConfig FAST =
      HealthCheckConfig.DEFAULT.withTiming(Duration.ofMillis(50), Duration.ofMillis(500));

  @Test
  void followsTheRegistryAndPausesDisabledEndpoints() {
    EndpointRegistry registry = new EndpointRegistry();
    registry.setDefaultHealthCheck(FAST);
    AtomicReference<CheckResult> answer = new AtomicReference<>(CheckResult.L7OK);
    ConcurrentHashMap<String, Integer> probes = new ConcurrentHashMap<>();
    Probe probe =
        (e, c) -> {
          probes.merge(e.name(), 1, Integer::sum);
          return new ProbeOutcome(answer.get(), 1000, "");
        };
    registry.add(Endpoint.of("a", "h", 23));
    try (HealthChecker checker = new HealthChecker(registry, probe, 2)) {
      checker.start();
      registry.add(Endpoint.of("b", "h", 24));
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.getOrDefault("b", 0) >= 2);
      answer.set(CheckResult.L4CON);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> registry.get("a").orElseThrow().health() == Health.DOWN);
      registry.disable("b");
      answer.set(CheckResult.L7TOUT); // would show if a disabled endpoint's check were recorded
      int before = probes.get("b");
      registry.remove("a");
      int removedAt = probes.get("a");
      sleep(300);
      assertThat(probes.get("b")).isLessThanOrEqualTo(before + 1); // at most one in flight
      assertThat(probes.get("a")).isLessThanOrEqualTo(removedAt + 1);
      assertThat(registry.get("b").orElseThrow().lastResult()).isNotEqualTo(CheckResult.L7TOUT);
    }
  }

  @Test
  void checkNowRecordsTheOutcome() {
    EndpointRegistry registry = new EndpointRegistry();
    registry.add(Endpoint.of("a", "h", 23));
    try (HealthChecker checker =
        new HealthChecker(registry, (e, c) -> new ProbeOutcome(CheckResult.L7TOUT, 0, "x"), 1)) {
      assertThat(checker.checkNow("a").result()).isEqualTo(CheckResult.L7TOUT);
      assertThat(registry.get("a").orElseThrow().health()).isEqualTo(Health.DOWN);
    }
  }

  /** Real Hercules: UP after rise checks, DOWN after fall once killed, UP again after restart. */
  @Test
  void herculesUpDownUp() throws Exception {
    HerculesHost.assumeInstalled();
    EndpointRegistry registry = new EndpointRegistry();
    List<String> changes = Collections.synchronizedList(new ArrayList<>());
    registry.addListener(
        new EndpointListener() {
          @Override
          public void healthChanged(EndpointView view, Health previous) {
            changes.add(view.health() + " " + view.lastResult());
          }
        });
    HealthCheckConfig config =
        HealthCheckConfig.DEFAULT
            .withTiming(Duration.ofMillis(200), Duration.ofSeconds(2))
            .withRiseFall(2, 3)
            .withInitialHealth(InitialHealth.FULLY_DOWN);
    HerculesHost hercules = HerculesHost.start(2);
    int port = hercules.port();
    try (HealthChecker checker = new HealthChecker(registry)) {
      registry.add(Endpoint.of("herc", "127.0.0.1", port), config);
      checker.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> registry.get("herc").orElseThrow().health() == Health.UP);
      EndpointView up = registry.get("herc").orElseThrow();
      assertThat(up.lastResult()).isEqualTo(CheckResult.L7OK);
      assertThat(up.latency().known()).isTrue();

      hercules.close();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> registry.get("herc").orElseThrow().health() == Health.DOWN);
      assertThat(registry.get("herc").orElseThrow().lastResult()).isEqualTo(CheckResult.L4CON);

      hercules = HerculesHost.start(2, port);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> registry.get("herc").orElseThrow().health() == Health.UP);
      assertThat(changes).containsExactly("UP L7OK", "DOWN L4CON", "UP L7OK");
    } finally {
      hercules.close();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
