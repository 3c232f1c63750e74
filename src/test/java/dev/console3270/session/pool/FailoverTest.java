package dev.console3270.session.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.Health;
import dev.console3270.endpoint.HealthCheckConfig;
import dev.console3270.endpoint.HealthChecker;
import dev.console3270.endpoint.Strategy;
import dev.console3270.host.DemoHost;
import dev.console3270.session.SessionEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real sockets: three demo hosts behind a registry, health checks and a balancer. One host dies
 * mid-session; its sessions come back on the others, signed on again by their logon macro.
 */
@Timeout(120)
class FailoverTest {

  private static final LogonMacro LOGON =
      new LogonMacro(
          "demo logon",
          String.join(
              "\n",
              "Wait(10,InputField)",
              "String(\"DEMO\") Tab() String(\"DEMO3270\") Enter()",
              "Wait(10,Unlock)",
              "Wait(5,StringAt,1,34,\"MAIN MENU\")"));

  private final Map<String, DemoHost> hosts = new HashMap<>();
  private SessionEngine engine;
  private SessionPool pool;
  private EndpointRegistry registry;
  private HealthChecker checker;
  private Balancer balancer;
  private Failover failover;
  private final PoolTesting.Recorder hooks = new PoolTesting.Recorder();

  @BeforeEach
  void start() throws Exception {
    engine = new SessionEngine(2, "failover-test");
    pool = new SessionPool(engine, PoolConfig.defaults());
    pool.addHook(hooks);
    registry = new EndpointRegistry();
    EndpointLoad.attach(pool, registry);
    registry.setDefaultHealthCheck(
        HealthCheckConfig.DEFAULT
            .withTiming(Duration.ofMillis(200), Duration.ofMillis(500))
            .withRiseFall(2, 2));
    for (String name : List.of("ALPHA", "BRAVO", "CHARLIE")) {
      DemoHost h = DemoHost.start(0, name);
      hosts.put(name, h);
      registry.add(Endpoint.of(name, "127.0.0.1", h.port()));
    }
    checker = new HealthChecker(registry);
    checker.start();
    balancer = new Balancer(registry, Strategy.ROUND_ROBIN, 1);
    failover =
        new Failover(
            pool,
            registry,
            balancer,
            new Failover.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 8),
            s -> new Failover.Plan("default", null, LOGON));
  }

  @AfterEach
  void stop() {
    failover.close();
    checker.close();
    pool.close();
    engine.close();
    hosts.values().forEach(DemoHost::close);
  }

  private PooledSession open(String name) throws Exception {
    Endpoint e = balancer.pick(dev.console3270.endpoint.PickRequest.of("default"));
    PooledSession s =
        pool.create(
            name,
            e.name(),
            dev.console3270.session.SessionProfile.of(e.host(), e.port())
                .withConnectTimeout(Duration.ofSeconds(10)));
    s.ready().get(10, java.util.concurrent.TimeUnit.SECONDS);
    PoolTesting.signOn(s);
    PoolTesting.runOk(s, "Wait(10,Unlock)");
    assertThat(PoolTesting.screen(s)).contains("MAIN MENU").contains(e.name());
    return s;
  }

  @Test
  void sessionsOfADeadHostAreBackOnTheOthersWithinTwoSeconds() throws Exception {
    List<PooledSession> sessions = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      sessions.add(open("s" + i));
    }
    List<PooledSession> onBravo =
        sessions.stream().filter(s -> s.endpointName().equals("BRAVO")).toList();
    assertThat(onBravo).hasSize(2);
    hooks.seen.clear();

    long killed = System.nanoTime();
    hosts.get("BRAVO").close();
    long[] back = new long[onBravo.size()];
    long deadline = killed + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int i = 0; i < onBravo.size(); i++) {
        PooledSession s = onBravo.get(i);
        if (back[i] == 0 && s.state() == PoolState.CONNECTED && !s.endpointName().equals("BRAVO")) {
          back[i] = System.nanoTime();
        }
        all &= back[i] != 0;
      }
      if (all) {
        break;
      }
      Thread.sleep(10);
    }
    for (int i = 0; i < onBravo.size(); i++) {
      PooledSession s = onBravo.get(i);
      assertThat(back[i])
          .as("session %s failed over; hooks %s", s.id(), hooks.snapshot())
          .isNotZero();
      double ms = (back[i] - killed) / 1e6;
      System.out.printf(
          "failover: session %s from BRAVO to %s in %.0f ms%n", s.id(), s.endpointName(), ms);
      assertThat(ms).as("back within 2 s").isLessThan(2000);
      // signed on again by the logon macro, on its new host, same id and object
      assertThat(PoolTesting.screen(s)).contains("MAIN MENU").contains(s.endpointName());
      assertThat(pool.get(s.id())).containsSame(s);
      // hooks in order: the drop, then the failover
      List<String> mine =
          hooks.snapshot().stream().filter(h -> h.contains(" " + s.id() + " ")).toList();
      assertThat(mine)
          .containsExactly(
              "ERROR " + s.id() + " CONNECTED->FAILED",
              "FAILED_OVER " + s.id() + " RECONNECTING->CONNECTED");
    }
    // the others never moved
    for (PooledSession s : sessions) {
      if (!onBravo.contains(s)) {
        assertThat(s.state()).isEqualTo(PoolState.CONNECTED);
        assertThat(hooks.snapshot()).noneMatch(h -> h.contains(" " + s.id() + " "));
      }
    }
    // the registry's session counters followed the sessions (the balancer's load)
    long countsBy = System.nanoTime() + 5_000_000_000L;
    while (registry.activeSessions("BRAVO") != 0 && System.nanoTime() < countsBy) {
      Thread.sleep(10);
    }
    assertThat(registry.activeSessions("BRAVO")).isZero();
    assertThat(registry.activeSessions("ALPHA") + registry.activeSessions("CHARLIE")).isEqualTo(6);
    // health checks mark the dead host DOWN; the balancer no longer picks it
    long until = System.nanoTime() + 5_000_000_000L;
    while (registry.get("BRAVO").orElseThrow().health() != Health.DOWN
        && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(registry.get("BRAVO").orElseThrow().health()).isEqualTo(Health.DOWN);
    for (int i = 0; i < 10; i++) {
      assertThat(balancer.pick(dev.console3270.endpoint.PickRequest.of("default")).name())
          .isNotEqualTo("BRAVO");
    }
  }

  @Test
  void whenNoEndpointIsLeftFailoverGivesUpLoudly() throws Exception {
    PooledSession s = open("lonely");
    String home = s.endpointName();
    hooks.seen.clear();
    for (DemoHost h : hosts.values()) {
      h.close();
    }
    long until = System.nanoTime() + 30_000_000_000L;
    while (hooks.snapshot().stream()
            .noneMatch(h -> h.startsWith("ERROR " + s.id() + " FAILED->FAILED"))
        && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(hooks.snapshot())
        .as("dropped from %s, then gave up", home)
        .contains("ERROR " + s.id() + " CONNECTED->FAILED", "ERROR " + s.id() + " FAILED->FAILED");
    assertThat(s.state()).isEqualTo(PoolState.FAILED);
    assertThat(pool.get(s.id())).as("the session is kept, not lost").isPresent();
    assertThat(failover.inProgress(s.id())).isFalse();
  }

  @Test
  void backoffGrowsWithJitterAndCaps() {
    Failover.Backoff b = new Failover.Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 8);
    Random r = new Random(7);
    assertThat(b.delayMillis(0, r)).isZero();
    for (int i = 0; i < 200; i++) {
      long d1 = b.delayMillis(1, r);
      long d3 = b.delayMillis(3, r);
      long d9 = b.delayMillis(9, r);
      assertThat(d1).isBetween(50L, 100L);
      assertThat(d3).isBetween(200L, 400L);
      assertThat(d9).isBetween(500L, 1000L);
    }
  }
}
