package dev.console3270.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BalancerPropertiesTest {

  /** One endpoint's generated shape. */
  record Spec(int weight, int max, int state, int sessions) {}

  @Provide
  Arbitrary<List<Spec>> specs() {
    Arbitrary<Spec> one =
        Combinators.combine(
                Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers()
                    .between(0, 5), // 0-2 eligible, 3 down, 4 draining, 5 disabled
                Arbitraries.integers().between(0, 4))
            .as(Spec::new);
    return one.list().ofMinSize(1).ofMaxSize(12);
  }

  private static final class World {
    final EndpointRegistry registry = new EndpointRegistry(() -> 0L);
    final Map<String, Integer> sessions = new ConcurrentHashMap<>();
    final Set<String> allowed = new HashSet<>();

    World(List<Spec> specs) {
      for (int i = 0; i < specs.size(); i++) {
        Spec s = specs.get(i);
        String name = "e" + i;
        registry.add(Endpoint.of(name, "h", 1).withWeight(s.weight()).withMaxSessions(s.max()));
        sessions.put(name, s.sessions());
        registry.setActiveSessions(name, s.sessions());
        switch (s.state()) {
          case 3 -> registry.recordCheck(name, new ProbeOutcome(CheckResult.L7TOUT, 0, ""));
          case 4 -> registry.drain(name);
          case 5 -> registry.disable(name);
          default -> {}
        }
        boolean full = s.max() > 0 && s.sessions() >= s.max();
        if (s.state() <= 2 && !full) {
          allowed.add(name);
        }
      }
    }
  }

  @Property(tries = 200)
  void noStrategyPicksAnIneligibleEndpoint(
      @ForAll("specs") List<Spec> specs, @ForAll Strategy strategy, @ForAll long seed) {
    World w = new World(specs);
    Balancer b = new Balancer(w.registry, strategy, seed);
    for (int i = 0; i < 50; i++) {
      String key = i % 3 == 0 ? null : "user" + (seed + i);
      try {
        String name = b.pick(new PickRequest(null, key)).name();
        assertThat(w.allowed).contains(name);
        if (i % 2 == 0) {
          // sessions come and go: the picked endpoint gets one more
          w.sessions.merge(name, 1, Integer::sum);
          w.registry.sessionOpened(name);
          Spec s = specs.get(Integer.parseInt(name.substring(1)));
          if (s.max() > 0 && w.sessions.get(name) >= s.max()) {
            w.allowed.remove(name);
          }
        }
      } catch (NoEndpointAvailableException e) {
        assertThat(w.allowed).as(strategy + " " + specs + ": " + e.getMessage()).isEmpty();
        return;
      }
    }
  }

  @Property(tries = 100)
  void smoothWeightedRoundRobinIsExactOverACycle(
      @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 1, max = 256) Integer> weights) {
    EndpointRegistry r = new EndpointRegistry(() -> 0L);
    int total = 0;
    for (int i = 0; i < weights.size(); i++) {
      r.add(Endpoint.of("e" + i, "h", 1).withWeight(weights.get(i)));
      total += weights.get(i);
    }
    Balancer b = new Balancer(r, Strategy.WEIGHTED_ROUND_ROBIN, 1);
    for (int cycle = 0; cycle < 2; cycle++) {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < total; i++) {
        counts.merge(b.pick(PickRequest.of(null)).name(), 1, Integer::sum);
      }
      for (int i = 0; i < weights.size(); i++) {
        assertThat(counts.get("e" + i)).isEqualTo(weights.get(i));
      }
    }
  }

  @Property(tries = 100)
  void roundRobinVisitsEachEligibleOncePerCycle(@ForAll("specs") List<Spec> specs) {
    List<Spec> unlimited = new ArrayList<>();
    for (Spec s : specs) {
      unlimited.add(new Spec(s.weight(), 0, s.state(), s.sessions()));
    }
    World w = new World(unlimited);
    if (w.allowed.isEmpty()) {
      return;
    }
    Balancer b = new Balancer(w.registry, Strategy.ROUND_ROBIN, 1);
    b.pick(PickRequest.of(null)); // any starting point
    for (int cycle = 0; cycle < 3; cycle++) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < w.allowed.size(); i++) {
        seen.add(b.pick(PickRequest.of(null)).name());
      }
      assertThat(seen).isEqualTo(w.allowed);
    }
  }

  @Property(tries = 200)
  void leastSessionsNeverPicksABusierOne(@ForAll("specs") List<Spec> specs) {
    World w = new World(specs);
    Balancer b = new Balancer(w.registry, Strategy.LEAST_SESSIONS, 1);
    for (int i = 0; i < 20 && !w.allowed.isEmpty(); i++) {
      String name = b.pick(PickRequest.of(null)).name();
      int min = w.allowed.stream().mapToInt(w.sessions::get).min().orElseThrow();
      assertThat(w.sessions.get(name)).isEqualTo(min);
      w.sessions.merge(name, 1, Integer::sum);
      w.registry.sessionOpened(name);
      Spec s = specs.get(Integer.parseInt(name.substring(1)));
      if (s.max() > 0 && w.sessions.get(name) >= s.max()) {
        w.allowed.remove(name);
      }
    }
  }

  @Property(tries = 50)
  void stickyKeysMoveOnlyWhenTheirEndpointLeaves(
      @ForAll @IntRange(min = 2, max = 30) int endpoints, @ForAll @IntRange(min = 0) int victim) {
    EndpointRegistry r = new EndpointRegistry(() -> 0L);
    for (int i = 0; i < endpoints; i++) {
      r.add(Endpoint.of("e" + i, "h", 1).withWeight(1 + i % 4));
    }
    Balancer b = new Balancer(r, Strategy.STICKY, 1);
    Map<String, String> before = new HashMap<>();
    for (int k = 0; k < 500; k++) {
      before.put("user" + k, b.pick(new PickRequest(null, "user" + k)).name());
    }
    String gone = "e" + (victim % endpoints);
    r.remove(gone);
    for (var e : before.entrySet()) {
      String now = b.pick(new PickRequest(null, e.getKey())).name();
      if (!e.getValue().equals(gone)) {
        assertThat(now).as(e.getKey()).isEqualTo(e.getValue());
      } else {
        assertThat(now).isNotEqualTo(gone);
      }
    }
  }

  @Property(tries = 50)
  void stickyBoundedLoadsCapEveryEndpoint(
      @ForAll @IntRange(min = 1, max = 20) int endpoints,
      @ForAll @IntRange(min = 1, max = 400) int keys) {
    EndpointRegistry r = new EndpointRegistry(() -> 0L);
    Map<String, Integer> load = new HashMap<>();
    for (int i = 0; i < endpoints; i++) {
      r.add(Endpoint.of("e" + i, "h", 1));
    }
    Balancer b = new Balancer(r, Strategy.STICKY, 1);
    for (int k = 0; k < keys; k++) {
      // few distinct keys: hot users pile onto their endpoint until the bound pushes them on
      String name = b.pick(new PickRequest(null, "user" + (k % 7))).name();
      load.merge(name, 1, Integer::sum);
      r.sessionOpened(name);
      int total = k + 1;
      long cap = (long) Math.ceil(StickyPolicy.C * total / endpoints);
      assertThat(load.values()).allSatisfy(v -> assertThat((long) v).isLessThanOrEqualTo(cap));
    }
  }
}
