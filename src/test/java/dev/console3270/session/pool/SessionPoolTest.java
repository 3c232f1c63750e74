package dev.console3270.session.pool;

import static dev.console3270.session.pool.PoolTesting.profile;
import static dev.console3270.session.pool.PoolTesting.run;
import static dev.console3270.session.pool.PoolTesting.runOk;
import static dev.console3270.session.pool.PoolTesting.screen;
import static dev.console3270.session.pool.PoolTesting.signOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.console3270.host.DemoHost;
import dev.console3270.protocol.keyboard.Keyboard;
import dev.console3270.session.ConnectionState;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.SessionException;
import dev.console3270.session.SessionListener;
import dev.console3270.session.SessionProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SessionPoolTest {
  private DemoHost alpha;
  private SessionEngine engine;
  private final MutableClock clock = new MutableClock();
  private SessionPool pool;

  @BeforeEach
  void start() throws Exception {
    alpha = DemoHost.start(0, "ALPHA");
    engine = new SessionEngine(2, "pooltest");
  }

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.close();
    }
    engine.close();
    alpha.close();
  }

  private SessionPool pool(PoolConfig config) {
    pool = new SessionPool(engine, config, clock);
    return pool;
  }

  private static PooledSession ready(PooledSession s) throws Exception {
    return s.ready().get(20, TimeUnit.SECONDS);
  }

  @Test
  void createsConnectsListsAndCloses() throws Exception {
    SessionPool p = pool(PoolConfig.defaults());
    PoolTesting.Recorder hooks = new PoolTesting.Recorder();
    p.addHook(hooks);
    PooledSession a = p.create("first", "alpha", profile(alpha));
    PooledSession b = p.create("second", "alpha", profile(alpha));
    ready(a);
    ready(b);
    assertThat(a.id()).matches("[0-9A-HJKMNP-TV-Z]{8}").isNotEqualTo(b.id());
    assertThat(a.state()).isEqualTo(PoolState.CONNECTED);
    assertThat(a.name()).isEqualTo("first");
    assertThat(a.endpointName()).isEqualTo("alpha");
    assertThat(a.created()).isEqualTo(clock.instant());
    await().atMost(Duration.ofSeconds(10)).until(() -> screen(a).contains("DEMO HOST SIGN-ON"));
    assertThat(screen(a)).contains("ALPHA");
    assertThat(a.bytesIn()).isPositive();
    assertThat(a.bytesOut()).isPositive();
    assertThat(a.luName()).isNotNull();
    assertThat(p.list()).containsExactly(a, b);
    assertThat(p.get(a.id())).contains(a);
    assertThat(p.get("NOSUCHID")).isEmpty();
    assertThat(p.activeSessions("alpha")).isEqualTo(2);
    assertThat(p.activeSessions("bravo")).isZero();
    assertThat(p.stats()).containsEntry(PoolState.CONNECTED, 2).containsEntry(PoolState.IDLE, 0);

    assertThat(p.close(a.id())).isTrue();
    assertThat(p.close(a.id())).isFalse();
    assertThat(a.state()).isEqualTo(PoolState.CLOSED);
    assertThat(p.list()).containsExactly(b);
    assertThat(p.activeSessions("alpha")).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(hooks.snapshot())
                    .containsSubsequence(
                        "CREATED " + a.id() + " NEW->NEW",
                        "CONNECTED " + a.id() + " CONNECTING->CONNECTED",
                        "CLOSED " + a.id() + " CONNECTED->CLOSED"));
    assertThat(hooks.threads).allMatch(t -> t.startsWith("pooltest-pool-events"));
    p.closeAll();
    assertThat(p.list()).isEmpty();
    assertThat(b.state()).isEqualTo(PoolState.CLOSED);
  }

  @Test
  void aRefusedConnectionFailsWithAnErrorEvent() throws Exception {
    SessionPool p = pool(PoolConfig.defaults());
    PoolTesting.Recorder hooks = new PoolTesting.Recorder();
    p.addHook(hooks);
    int deadPort;
    try (DemoHost gone = DemoHost.start(0, "GONE")) {
      deadPort = gone.port();
    }
    PooledSession s = p.create("dead", "gone", SessionProfile.of("127.0.0.1", deadPort));
    assertThatThrownBy(() -> ready(s)).isInstanceOf(ExecutionException.class);
    assertThat(s.state()).isEqualTo(PoolState.FAILED);
    assertThat(p.activeSessions("gone")).isZero();
    assertThat(p.stats()).containsEntry(PoolState.FAILED, 1);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> hooks.snapshot().contains("ERROR " + s.id() + " CONNECTING->FAILED"));
  }

  @Test
  void limitsAreEnforcedOverallAndPerEndpoint() throws Exception {
    SessionPool p =
        pool(
            PoolConfig.defaults()
                .withMaxSessions(3)
                .withMaxPerEndpoint(PoolConfig.perEndpoint(Map.of("small", 1), 2)));
    PooledSession s1 = p.create("s1", "small", profile(alpha));
    assertThatThrownBy(() -> p.create("s2", "small", profile(alpha)))
        .isInstanceOf(PoolLimitException.class)
        .hasMessageContaining("endpoint small is full")
        .hasMessageContaining("1 sessions at most");
    p.create("b1", "big", profile(alpha));
    p.create("b2", "big", profile(alpha));
    assertThatThrownBy(() -> p.create("x", "other", profile(alpha)))
        .isInstanceOf(PoolLimitException.class)
        .hasMessageContaining("pool is full")
        .hasMessageContaining("3 sessions");
    assertThat(p.list()).hasSize(3);
    p.close(s1.id());
    PooledSession again = p.create("s3", "small", profile(alpha));
    assertThat(ready(again).state()).isEqualTo(PoolState.CONNECTED);
  }

  @Test
  void hooksFireInOrderAndAThrowingHookBreaksNothing() throws Exception {
    SessionPool p = pool(PoolConfig.defaults());
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    p.addHook((e, s, t) -> order.add("first " + e));
    p.addHook(
        (e, s, t) -> {
          throw new IllegalStateException("hook bug");
        });
    p.addHook((e, s, t) -> order.add("third " + e));
    PooledSession s = ready(p.create("h", "alpha", profile(alpha)));
    s.pause();
    s.resume();
    p.close(s.id());
    List<String> expected =
        List.of(
            "first CREATED",
            "third CREATED",
            "first CONNECTED",
            "third CONNECTED",
            "first SUSPENDED",
            "third SUSPENDED",
            "first RESUMED",
            "third RESUMED",
            "first CLOSED",
            "third CLOSED");
    await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == expected.size());
    assertThat(order).containsExactlyElementsOf(expected);
    // the pool carries on
    assertThat(ready(p.create("after", "alpha", profile(alpha))).state())
        .isEqualTo(PoolState.CONNECTED);
  }

  @Test
  void pauseRefusesInputKeepsHostDataAndResumeCatchesUpOnce() throws Exception {
    SessionPool p = pool(PoolConfig.defaults());
    PooledSession s = ready(p.create("p", "alpha", profile(alpha)));
    await().atMost(Duration.ofSeconds(10)).until(() -> screen(s).contains("DEMO HOST SIGN-ON"));
    runOk(s, "Wait(10,InputField)");
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    s.addListener(
        new SessionListener() {
          @Override
          public void stateChanged(ConnectionState state) {
            events.add("state " + state);
          }

          @Override
          public void screenChanged(long version) {
            events.add("screen " + version);
          }

          @Override
          public void oiaChanged() {
            events.add("oia");
          }
        });

    s.pause();
    assertThat(s.isPaused()).isTrue();
    assertThat(s.state()).isEqualTo(PoolState.SUSPENDED);
    assertThatThrownBy(() -> s.key(Keyboard::enter).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SessionException.class)
        .hasMessageContaining("session " + s.id() + " is paused");
    assertThat(run(s, "String(DEMO)").data()).anyMatch(l -> l.contains("is paused"));
    assertThatThrownBy(s::pause).isInstanceOf(IllegalStateException.class);

    // host data still arrives and is applied: sign on through the raw session underneath
    signOn(s.session());
    await().atMost(Duration.ofSeconds(10)).until(() -> screen(s).contains("MAIN MENU"));
    Thread.sleep(200);
    assertThat(events).isEmpty();

    long latest = s.snapshot().version();
    s.resume();
    assertThat(s.state()).isEqualTo(PoolState.CONNECTED);
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 3);
    Thread.sleep(200);
    assertThat(events).containsExactly("state " + s.status().state(), "screen " + latest, "oia");
    assertThatThrownBy(s::resume).isInstanceOf(IllegalStateException.class);
    // input flows again
    runOk(s, "PF(3)");
    await().atMost(Duration.ofSeconds(5)).until(() -> events.size() > 3);
  }

  @Test
  void idleLockPolicyRefusesInputUntilUnlocked() throws Exception {
    SessionPool p =
        pool(
            PoolConfig.defaults()
                .withIdle(Duration.ofMinutes(10), IdlePolicy.LOCK)
                .withCheckInterval(Duration.ofHours(1)));
    PoolTesting.Recorder hooks = new PoolTesting.Recorder();
    p.addHook(hooks);
    PooledSession busy = ready(p.create("busy", "alpha", profile(alpha)));
    PooledSession quiet = ready(p.create("quiet", "alpha", profile(alpha)));
    await().atMost(Duration.ofSeconds(10)).until(() -> screen(busy).contains("SIGN-ON"));
    await().atMost(Duration.ofSeconds(10)).until(() -> screen(quiet).contains("SIGN-ON"));
    clock.advance(Duration.ofMinutes(9));
    assertThat(p.checkIdle()).isZero();
    runOk(busy, "Wait(10,InputField) String(X)");
    clock.advance(Duration.ofMinutes(2));
    assertThat(p.checkIdle()).isEqualTo(1);
    assertThat(quiet.state()).isEqualTo(PoolState.IDLE);
    assertThat(busy.state()).isEqualTo(PoolState.CONNECTED);
    assertThat(quiet.status().state().isConnected()).isTrue();
    assertThatThrownBy(() -> quiet.key(k -> k.type("X")).get(5, TimeUnit.SECONDS))
        .hasMessageContaining("session " + quiet.id() + " is locked after being idle");
    assertThat(p.stats()).containsEntry(PoolState.IDLE, 1).containsEntry(PoolState.CONNECTED, 1);
    assertThat(p.checkIdle()).isZero(); // already idle

    p.unlock(quiet.id()).get(5, TimeUnit.SECONDS);
    assertThat(quiet.state()).isEqualTo(PoolState.CONNECTED);
    runOk(quiet, "Wait(10,InputField) String(X)");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(hooks.snapshot())
                    .containsSubsequence(
                        "IDLE " + quiet.id() + " CONNECTED->IDLE",
                        "RESUMED " + quiet.id() + " IDLE->CONNECTED"));
    assertThatThrownBy(() -> p.unlock(quiet.id())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void idleDisconnectPolicyDisconnectsAndUnlockReconnects() throws Exception {
    SessionPool p =
        pool(
            PoolConfig.defaults()
                .withIdle(Duration.ofSeconds(30), IdlePolicy.DISCONNECT)
                .withCheckInterval(Duration.ofHours(1)));
    PooledSession s = ready(p.create("d", "alpha", profile(alpha)));
    await().atMost(Duration.ofSeconds(10)).until(() -> screen(s).contains("SIGN-ON"));
    clock.advance(Duration.ofSeconds(31));
    assertThat(p.checkIdle()).isEqualTo(1);
    assertThat(s.state()).isEqualTo(PoolState.IDLE);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> s.status().state() == ConnectionState.NOT_CONNECTED);
    assertThat(s.state()).isEqualTo(PoolState.IDLE); // a disconnect we asked for is no failure
    p.unlock(s.id()).get(10, TimeUnit.SECONDS);
    assertThat(s.state()).isEqualTo(PoolState.CONNECTED);
    assertThat(s.status().state().isConnected()).isTrue();
  }

  @Test
  void theScheduledCheckRunsByItself() throws Exception {
    SessionPool p =
        pool(
            PoolConfig.defaults()
                .withIdle(Duration.ofSeconds(1), IdlePolicy.LOCK)
                .withCheckInterval(Duration.ofMillis(50)));
    PooledSession s = ready(p.create("auto", "alpha", profile(alpha)));
    await().atMost(Duration.ofSeconds(10)).until(() -> screen(s).contains("SIGN-ON"));
    clock.advance(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(5)).until(() -> s.state() == PoolState.IDLE);
  }

  @Test
  void aLostConnectionMovesToFailed() throws Exception {
    SessionPool p = pool(PoolConfig.defaults());
    PoolTesting.Recorder hooks = new PoolTesting.Recorder();
    p.addHook(hooks);
    PooledSession s = ready(p.create("lost", "alpha", profile(alpha)));
    alpha.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> s.state() == PoolState.FAILED);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> hooks.snapshot().contains("ERROR " + s.id() + " CONNECTED->FAILED"));
  }
}
