package dev.console3270.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BalancerTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final EndpointRegistry registry = new EndpointRegistry(now::get);

  private void sessions(String name, int count) {
    assertThat(registry.setActiveSessions(name, count)).isTrue();
  }

  private static final ProbeOutcome FAIL = new ProbeOutcome(CheckResult.L4CON, 0, "");
  private static final ProbeOutcome OK = new ProbeOutcome(CheckResult.L7OK, 1000, "");

  private List<String> picks(Balancer b, PickRequest r, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(b.pick(r).name());
    }
    return out;
  }

  @Test
  void roundRobinSkipsIneligibleAndFull() {
    for (String n : List.of("a", "b", "c", "d", "e")) {
      registry.add(Endpoint.of(n, "h", 23).withMaxSessions(n.equals("e") ? 2 : 0));
    }
    registry.drain("b");
    registry.disable("c");
    registry.recordCheck("d", FAIL);
    sessions("e", 2);
    Balancer b = new Balancer(registry);
    assertThat(picks(b, PickRequest.of(null), 4)).containsOnly("a");
    sessions("e", 1);
    assertThat(picks(b, PickRequest.of(null), 4)).containsOnly("a", "e").contains("e");
  }

  @Test
  void smoothWeightedRoundRobinInterleaves() {
    registry.add(Endpoint.of("a", "h", 1).withWeight(5));
    registry.add(Endpoint.of("b", "h", 1));
    registry.add(Endpoint.of("c", "h", 1));
    Balancer b = new Balancer(registry, Strategy.WEIGHTED_ROUND_ROBIN, 1);
    // earliest deadline first, due at (k + 1/2) / w: a at 1/10, 3/10, 5/10, 7/10, 9/10 of the
    // cycle, b and c at 5/10 (ties to the first listed)
    assertThat(picks(b, PickRequest.of(null), 14))
        .containsExactly("a", "a", "a", "b", "c", "a", "a", "a", "a", "a", "b", "c", "a", "a");
  }

  @Test
  void leastSessionsTiesGoToWeightThenRoundRobin() {
    registry.add(Endpoint.of("a", "h", 1));
    registry.add(Endpoint.of("b", "h", 1).withWeight(3));
    registry.add(Endpoint.of("c", "h", 1).withWeight(3));
    sessions("a", 0);
    sessions("b", 1);
    sessions("c", 1);
    Balancer bal = new Balancer(registry, Strategy.LEAST_SESSIONS, 1);
    assertThat(bal.pick(PickRequest.of(null)).name()).isEqualTo("a");
    sessions("a", 1);
    assertThat(picks(bal, PickRequest.of(null), 4)).containsOnly("b", "c").contains("b", "c");
  }

  @Test
  void leastLatencyPrefersMeasuredFastEndpoints() {
    registry.add(Endpoint.of("unknown", "h", 1));
    registry.add(Endpoint.of("slow", "h", 1));
    registry.add(Endpoint.of("fast", "h", 1));
    registry.recordCheck("slow", new ProbeOutcome(CheckResult.L7OK, 9_000_000, ""));
    registry.recordCheck("fast", new ProbeOutcome(CheckResult.L7OK, 1_000_000, ""));
    Balancer b = new Balancer(registry, Strategy.LEAST_LATENCY, 1);
    assertThat(picks(b, PickRequest.of(null), 3)).containsOnly("fast");
    registry.drain("fast");
    assertThat(b.pick(PickRequest.of(null)).name()).isEqualTo("slow");
  }

  @Test
  void powerOfTwoPrefersTheLessBusyAndIsRepeatableWithASeed() {
    registry.add(Endpoint.of("busy", "h", 1));
    registry.add(Endpoint.of("idle", "h", 1));
    sessions("busy", 10);
    Balancer b = new Balancer(registry, Strategy.POWER_OF_TWO, 42);
    assertThat(picks(b, PickRequest.of(null), 10)).containsOnly("idle");
    for (int i = 0; i < 5; i++) {
      registry.add(Endpoint.of("x" + i, "h", 1));
    }
    sessions("busy", 0);
    List<String> first =
        picks(new Balancer(registry, Strategy.POWER_OF_TWO, 7), PickRequest.of(null), 20);
    List<String> again =
        picks(new Balancer(registry, Strategy.POWER_OF_TWO, 7), PickRequest.of(null), 20);
    assertThat(first).isEqualTo(again);
  }

  @Test
  void stickyKeepsAUserOnItsEndpoint() {
    for (int i = 0; i < 5; i++) {
      registry.add(Endpoint.of("e" + i, "h", 1));
    }
    Balancer b = new Balancer(registry, Strategy.STICKY, 1);
    String home = b.pick(new PickRequest(null, "alice")).name();
    assertThat(picks(b, new PickRequest(null, "alice"), 5)).containsOnly(home);
    registry.drain(home);
    String moved = b.pick(new PickRequest(null, "alice")).name();
    assertThat(moved).isNotEqualTo(home);
    registry.enable(home);
    assertThat(b.pick(new PickRequest(null, "alice")).name()).isEqualTo(home);
    assertThat(picks(b, PickRequest.of(null), 5)).hasSize(5); // no key: round robin
  }

  @Test
  void fallbackChainAndClearErrors() {
    registry.add(Endpoint.of("p1", "h", 1).withGroup("prod").withMaxSessions(1));
    registry.add(Endpoint.of("p2", "h", 1).withGroup("prod"));
    registry.add(Endpoint.of("p3", "h", 1).withGroup("prod"));
    registry.add(Endpoint.of("d1", "h", 1).withGroup("dr"));
    registry.setFallback("prod", "dr");
    sessions("p1", 1);
    registry.drain("p2");
    registry.recordCheck("p3", FAIL);
    Balancer b = new Balancer(registry);
    assertThat(b.pick(PickRequest.of("prod")).name()).isEqualTo("d1");
    assertThat(registry.get("d1").orElseThrow().fallbackPicks()).isEqualTo(1);
    assertThat(b.pick(PickRequest.of("dr")).name()).isEqualTo("d1");
    assertThat(registry.get("d1").orElseThrow().fallbackPicks()).isEqualTo(1);
    registry.disable("d1");
    assertThatThrownBy(() -> b.pick(PickRequest.of("prod")))
        .isInstanceOf(NoEndpointAvailableException.class)
        .hasMessage(
            "no endpoint available for group 'prod': 3 endpoints (p1 full (1/1 sessions),"
                + " p2 draining, p3 down (L4CON)); fallback group 'dr': 1 endpoint (d1 disabled)");
    assertThatThrownBy(() -> b.pick(PickRequest.of("nope")))
        .hasMessage("no endpoint available for group 'nope': no endpoints; no fallback group");
    registry.recordCheck("p3", OK);
    registry.recordCheck("p3", OK);
    assertThat(b.pick(PickRequest.of("prod")).name()).isEqualTo("p3");
  }

  @Test
  void strategyCanBeSwitchedWhileRunning() {
    registry.add(Endpoint.of("a", "h", 1).withWeight(3));
    registry.add(Endpoint.of("b", "h", 1));
    Balancer bal = new Balancer(registry);
    assertThat(picks(bal, PickRequest.of(null), 4)).containsExactly("a", "b", "a", "b");
    bal.setStrategy(Strategy.WEIGHTED_ROUND_ROBIN);
    assertThat(bal.strategy()).isEqualTo(Strategy.WEIGHTED_ROUND_ROBIN);
    assertThat(picks(bal, PickRequest.of(null), 4)).containsExactly("a", "a", "b", "a");
  }

  @Test
  void slowStartRampsTheWeightOfARecoveredEndpoint() {
    registry.setSlowStart(Duration.ofSeconds(30));
    registry.add(Endpoint.of("old", "h", 1).withWeight(10));
    registry.add(Endpoint.of("back", "h", 1).withWeight(10));
    registry.recordCheck("back", FAIL);
    registry.recordCheck("back", OK);
    registry.recordCheck("back", OK);
    Balancer bal = new Balancer(registry, Strategy.WEIGHTED_ROUND_ROBIN, 1);
    int back = count(picks(bal, PickRequest.of(null), 1100), "back");
    assertThat(back).isBetween(95, 105); // 10 of 110 per cycle
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    back = count(picks(bal, PickRequest.of(null), 1000), "back");
    assertThat(back).isBetween(495, 505);
  }

  private static int count(List<String> l, String s) {
    return (int) l.stream().filter(s::equals).count();
  }
}
