package dev.console3270.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The registry's session counters and the incremental structures the balancer reads. */
class BalancerCountersTest {
  private static final ProbeOutcome FAIL = new ProbeOutcome(CheckResult.L4CON, 0, "");
  private static final ProbeOutcome OK = new ProbeOutcome(CheckResult.L7OK, 1_000_000, "");

  private static long groupTotal(EndpointRegistry r, String group) {
    GroupView g = r.snapshot().groups().get(group);
    return g == null ? 0 : g.load.totalSessions();
  }

  /**
   * Random opens, closes, admin and health changes, limit changes and group moves; after each step
   * least sessions picks a least loaded allowed endpoint, power of two picks an allowed one, and
   * the counters and group totals match a model.
   */
  @Property(tries = 150)
  void incrementalStateMatchesAModel(@ForAll long seed) {
    Random rnd = new Random(seed);
    EndpointRegistry r = new EndpointRegistry(() -> 0L);
    int n = 2 + rnd.nextInt(8);
    Map<String, Integer> model = new HashMap<>();
    for (int i = 0; i < n; i++) {
      r.add(
          Endpoint.of("e" + i, "h", 1)
              .withWeight(1 + rnd.nextInt(4))
              .withMaxSessions(rnd.nextInt(4))
              .withGroup(rnd.nextBoolean() ? "a" : "b"));
      model.put("e" + i, 0);
    }
    Balancer least = new Balancer(r, Strategy.LEAST_SESSIONS, seed);
    Balancer p2c = new Balancer(r, Strategy.POWER_OF_TWO, seed);
    Balancer wrr = new Balancer(r, Strategy.WEIGHTED_ROUND_ROBIN, seed);
    for (int step = 0; step < 80; step++) {
      String name = "e" + rnd.nextInt(n);
      Endpoint ep = r.get(name).orElseThrow().endpoint();
      switch (rnd.nextInt(10)) {
        case 0, 1, 2 -> {
          r.sessionOpened(name);
          model.merge(name, 1, Integer::sum);
        }
        case 3, 4 -> {
          r.sessionClosed(name);
          model.put(name, Math.max(0, model.get(name) - 1));
        }
        case 5 -> r.drain(name);
        case 6 -> r.enable(name);
        case 7 -> r.recordCheck(name, rnd.nextBoolean() ? FAIL : OK);
        case 8 -> r.update(ep.withMaxSessions(rnd.nextInt(4)));
        default -> r.update(ep.withGroup(ep.group().equals("a") ? "b" : "a"));
      }
      for (String group : List.of("a", "b")) {
        List<EndpointView> allowed = new ArrayList<>();
        long total = 0;
        for (EndpointView v : r.list()) {
          assertThat(v.activeSessions()).isEqualTo(model.get(v.name()));
          if (!v.endpoint().group().equals(group) || !v.eligible()) {
            continue;
          }
          total += v.activeSessions();
          int max = v.endpoint().maxSessions();
          if (max == 0 || v.activeSessions() < max) {
            allowed.add(v);
          }
        }
        assertThat(groupTotal(r, group)).isEqualTo(total);
        List<String> names = allowed.stream().map(EndpointView::name).toList();
        if (allowed.isEmpty()) {
          continue; // (fallback-free registry: the picks would throw)
        }
        int min = allowed.stream().mapToInt(EndpointView::activeSessions).min().orElseThrow();
        String picked = least.pick(PickRequest.of(group)).name();
        assertThat(names).contains(picked);
        assertThat(model.get(picked)).isEqualTo(min);
        assertThat(names).contains(p2c.pick(PickRequest.of(group)).name());
        assertThat(names).contains(wrr.pick(PickRequest.of(group)).name());
      }
    }
  }

  @Test
  void leastLatencyFollowsNewSamples() {
    EndpointRegistry r = new EndpointRegistry(() -> 0L);
    for (String n : List.of("a", "b", "c")) {
      r.add(Endpoint.of(n, "h", 1));
    }
    Balancer bal = new Balancer(r, Strategy.LEAST_LATENCY, 1);
    // no samples: all equally unknown, round robin
    assertThat(List.of(pickName(bal), pickName(bal), pickName(bal)))
        .containsExactlyInAnyOrder("a", "b", "c");
    r.recordCheck("b", new ProbeOutcome(CheckResult.L7OK, 5_000_000, ""));
    assertThat(pickName(bal)).isEqualTo("b");
    r.recordCheck("c", new ProbeOutcome(CheckResult.L7OK, 2_000_000, ""));
    assertThat(pickName(bal)).isEqualTo("c");
    // c's mean rises to (2 + 20) / 2 = 11 ms: b is faster now
    r.recordCheck("c", new ProbeOutcome(CheckResult.L7OK, 20_000_000, ""));
    assertThat(pickName(bal)).isEqualTo("b");
    r.update(Endpoint.of("b", "h", 1).withMaxSessions(1));
    r.sessionOpened("b"); // full: the next fastest
    assertThat(pickName(bal)).isEqualTo("c");
    r.sessionClosed("b");
    assertThat(pickName(bal)).isEqualTo("b");
  }

  @Test
  void weightedRoundRobinParksAFullEndpointAndTakesItBack() {
    EndpointRegistry r = new EndpointRegistry(() -> 0L);
    r.add(Endpoint.of("a", "h", 1).withWeight(3).withMaxSessions(1));
    r.add(Endpoint.of("b", "h", 1));
    Balancer bal = new Balancer(r, Strategy.WEIGHTED_ROUND_ROBIN, 1);
    r.sessionOpened("a");
    for (int i = 0; i < 10; i++) {
      assertThat(pickName(bal)).isEqualTo("b");
    }
    r.sessionClosed("a");
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      counts.merge(pickName(bal), 1, Integer::sum);
    }
    // back in the schedule at the current deadline: its share again, no catching up
    assertThat(counts.get("a")).isBetween(29, 31);
  }

  @Test
  void weightedRoundRobinFollowsTheRampDuringSlowStart() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    EndpointRegistry r = new EndpointRegistry(now::get);
    r.setSlowStart(Duration.ofSeconds(30));
    r.add(Endpoint.of("old", "h", 1).withWeight(10));
    r.add(Endpoint.of("back", "h", 1).withWeight(10));
    r.recordCheck("back", FAIL);
    r.recordCheck("back", OK);
    r.recordCheck("back", OK);
    Balancer bal = new Balancer(r, Strategy.WEIGHTED_ROUND_ROBIN, 1);
    pickName(bal);
    now.addAndGet(Duration.ofSeconds(15).toNanos()); // factor 0.5: weights 100 and 50 (tenths)
    int back = 0;
    for (int i = 0; i < 1500; i++) {
      back += pickName(bal).equals("back") ? 1 : 0;
    }
    assertThat(back).isEqualTo(500);
  }

  @Test
  void countersStayRightUnderConcurrentOpensClosesPicksAndChanges() throws Exception {
    EndpointRegistry r = new EndpointRegistry();
    int n = 20;
    for (int i = 0; i < n; i++) {
      r.add(Endpoint.of("e" + i, "h", 1).withMaxSessions(i % 3 == 0 ? 5 : 0));
    }
    Balancer least = new Balancer(r, Strategy.LEAST_SESSIONS, 1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int id = t;
        jobs.add(
            pool.submit(
                () -> {
                  Random rnd = new Random(id);
                  for (int k = 0; k < 20_000; k++) {
                    String name;
                    try {
                      name = least.pick(PickRequest.of(null)).name();
                    } catch (NoEndpointAvailableException e) {
                      name = "e" + rnd.nextInt(n);
                    }
                    r.sessionOpened(name);
                    r.sessionClosed(name);
                  }
                }));
      }
      jobs.add(
          pool.submit(
              () -> {
                for (int k = 0; k < 500; k++) {
                  String name = "e" + (k % n);
                  r.drain(name);
                  r.update(r.get(name).orElseThrow().endpoint().withGroup(k % 2 == 0 ? "x" : null));
                  r.enable(name);
                }
              }));
      for (Future<?> f : jobs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (EndpointView v : r.list()) {
      assertThat(v.activeSessions()).as(v.name()).isZero();
    }
    assertThat(groupTotal(r, Endpoint.DEFAULT_GROUP)).isZero();
    assertThat(groupTotal(r, "x")).isZero();
    r.sessionOpened("e1");
    r.sessionOpened("e1");
    assertThat(groupTotal(r, r.get("e1").orElseThrow().endpoint().group())).isEqualTo(2);
  }

  private static String pickName(Balancer b) {
    return b.pick(PickRequest.of(null)).name();
  }
}
