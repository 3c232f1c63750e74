package dev.console3270.session.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.HealthCheckConfig;
import dev.console3270.endpoint.HealthChecker;
import dev.console3270.endpoint.PickRequest;
import dev.console3270.endpoint.Strategy;
import dev.console3270.host.DemoHost;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.SessionProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failover of sessions with a sticky key, over three live demo hosts: they re-pick with their key,
 * so sessions sharing a key stay together.
 */
@Timeout(120)
class FailoverStickyTest {

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
  private final PoolTesting.Recorder hooks = new PoolTesting.Recorder();
  private SessionEngine engine;
  private SessionPool pool;
  private EndpointRegistry registry;
  private HealthChecker checker;
  private Balancer balancer;
  private Failover failover;

  @BeforeEach
  void start() throws Exception {
    engine = new SessionEngine(2, "failover-sticky-test");
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
    balancer = new Balancer(registry, Strategy.STICKY, 1);
    failover =
        new Failover(
            pool,
            registry,
            balancer,
            new Failover.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 10),
            s -> new Failover.Plan("default", s.stickyKey(), LOGON));
  }

  @AfterEach
  void stop() {
    failover.close();
    checker.close();
    pool.close();
    engine.close();
    hosts.values().forEach(DemoHost::close);
  }

  private PooledSession open(String name, String key) throws Exception {
    Endpoint e = balancer.pick(new PickRequest("default", key));
    PooledSession s =
        pool.create(
            name,
            e.name(),
            SessionProfile.of(e.host(), e.port()).withConnectTimeout(Duration.ofSeconds(10)),
            key);
    s.ready().get(10, TimeUnit.SECONDS);
    PoolTesting.signOn(s);
    PoolTesting.runOk(s, "Wait(10,Unlock)");
    return s;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long until = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).as(what).isTrue();
  }

  @Test
  void sessionsSharingAKeyFailOverTogetherToTheKeysNextEndpoint() throws Exception {
    for (int i = 0; i < 3; i++) {
      open("bg" + i, null); // one unkeyed session on each endpoint (round robin)
    }
    PooledSession a1 = open("a1", "alice");
    PooledSession a2 = open("a2", "alice");
    String home = a1.endpointName();
    assertThat(a2.endpointName()).isEqualTo(home);
    hooks.seen.clear();

    hosts.get(home).close();
    await(
        () ->
            List.of(a1, a2).stream()
                .allMatch(s -> s.state() == PoolState.CONNECTED && !s.endpointName().equals(home)),
        "both alice sessions failed over; hooks " + hooks.snapshot());
    assertThat(a2.endpointName()).as("together again").isEqualTo(a1.endpointName());
    assertThat(PoolTesting.screen(a1)).contains("MAIN MENU").contains(a1.endpointName());
    assertThat(a1.stickyKey()).isEqualTo("alice");
  }

  @Test
  void aKeyedSessionComesBackToItsSiblingsWhileTheirEndpointIsHealthy() throws Exception {
    // one unkeyed session on each endpoint (round robin), so that two sessions of one key are
    // within the policy's load bound (ceil(1.25 * (total + 1) / 3) for equal weights)
    PooledSession plain = open("plain", null);
    open("bg1", null);
    open("bg2", null);
    PooledSession a1 = open("a1", "alice");
    PooledSession a2 = open("a2", "alice");
    String home = a1.endpointName();
    assertThat(a2.endpointName()).isEqualTo(home);
    hooks.seen.clear();

    // its connection drops (its endpoint stays UP): it is FAILED, no longer counted, and re-picks
    pool.lost(a1, "test: connection dropped");
    await(
        () ->
            hooks.snapshot().contains("FAILED_OVER " + a1.id() + " RECONNECTING->CONNECTED")
                && !failover.inProgress(a1.id()),
        "a1 failed over; hooks " + hooks.snapshot());
    assertThat(a1.endpointName()).as("with its sibling").isEqualTo(home);
    assertThat(a1.state()).isEqualTo(PoolState.CONNECTED);

    // an unkeyed session still avoids the endpoint it leaves
    String left = plain.endpointName();
    pool.lost(plain, "test: connection dropped");
    await(
        () ->
            hooks.snapshot().contains("FAILED_OVER " + plain.id() + " RECONNECTING->CONNECTED")
                && !failover.inProgress(plain.id()),
        "plain failed over; hooks " + hooks.snapshot());
    assertThat(plain.endpointName()).isNotEqualTo(left);
  }
}
