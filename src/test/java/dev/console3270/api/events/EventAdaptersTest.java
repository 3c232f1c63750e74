package dev.console3270.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditOutcome;
import dev.console3270.audit.AuditType;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.host.DemoHost;
import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.SessionProfile;
import dev.console3270.session.pool.PoolConfig;
import dev.console3270.session.pool.PooledSession;
import dev.console3270.session.pool.SessionPool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventAdaptersTest {

  /** Takes events until one matches, returning all taken. */
  private static List<ConsoleEvent> until(EventSubscription s, Predicate<ConsoleEvent> stop)
      throws InterruptedException {
    List<ConsoleEvent> out = new ArrayList<>();
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end) {
      ConsoleEvent e = s.poll(Duration.ofMillis(100));
      if (e != null) {
        out.add(e);
        if (stop.test(e)) {
          return out;
        }
      }
    }
    throw new AssertionError("no matching event; got " + out);
  }

  @Test
  void endpointHealthAndAdminChangesArePublished() throws Exception {
    try (EventHub hub = new EventHub()) {
      EndpointRegistry registry = new EndpointRegistry();
      registry.add(Endpoint.of("a", "127.0.0.1", 23));
      EventHub.Attachment att = hub.attach(registry);
      EventSubscription s = hub.subscribe(EventFilter.all(), 100);
      for (int i = 0; i < 3; i++) {
        registry.reportConnectFailure("a");
      }
      ConsoleEvent health = s.poll(Duration.ofSeconds(5));
      assertThat(health.type()).isEqualTo(ConsoleEvent.ENDPOINT_HEALTH);
      assertThat(health.data())
          .containsEntry("endpoint", "a")
          .containsEntry("group", "default")
          .containsEntry("health", "DOWN")
          .containsEntry("previous", "UP");
      registry.disable("a");
      ConsoleEvent admin = s.poll(Duration.ofSeconds(5));
      assertThat(admin.type()).isEqualTo(ConsoleEvent.ENDPOINT_ADMIN);
      assertThat(admin.data()).containsEntry("adminState", "DISABLED");
      att.close();
      registry.enable("a");
      assertThat(s.poll(Duration.ofMillis(200))).isNull();
    }
  }

  @Test
  void auditRecordsArePublishedAndFilteredByAuditType() throws Exception {
    try (EventHub hub = new EventHub()) {
      EventSubscription onlySignOn =
          hub.subscribe(EventFilter.auditTypes(java.util.Set.of(AuditType.SIGN_ON)), 100);
      EventSubscription all = hub.subscribe(EventFilter.all(), 100);
      Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
      hub.auditListener()
          .written(
              AuditEvent.of(
                  clock,
                  "alice",
                  AuditType.SIGN_ON,
                  AuditOutcome.SUCCESS,
                  "console",
                  "s1",
                  Map.of("lu", "LU01")));
      hub.auditListener()
          .written(
              AuditEvent.of(
                  clock, "", AuditType.CHECKPOINT, AuditOutcome.SUCCESS, "", "", Map.of()));
      hub.publish("session.created", Map.of());
      assertThat(onlySignOn.poll().data())
          .containsEntry("auditType", "SIGN_ON")
          .containsEntry("user", "alice")
          .containsEntry("details", Map.of("lu", "LU01"));
      assertThat(onlySignOn.poll().type()).isEqualTo("session.created");
      assertThat(onlySignOn.poll()).isNull();
      assertThat(all.pending()).isEqualTo(3);
    }
  }

  @Test
  void poolLifecycleAndCoalescedScreenChangesArePublished() throws Exception {
    try (DemoHost host = DemoHost.start(0, "ALPHA");
        SessionEngine engine = new SessionEngine(1, "eventtest");
        SessionPool pool = new SessionPool(engine, PoolConfig.defaults());
        EventHub hub = new EventHub()) {
      hub.attach(pool);
      EventSubscription s = hub.subscribe(EventFilter.all(), 10_000);
      PooledSession ps =
          pool.create(
              "one",
              "alpha",
              SessionProfile.of("127.0.0.1", host.port())
                  .withConnectTimeout(Duration.ofSeconds(10)));
      ps.ready().get(20, TimeUnit.SECONDS);
      List<ConsoleEvent> got =
          new ArrayList<>(
              until(
                  s,
                  e ->
                      e.type().equals(ConsoleEvent.SESSION_STATE)
                          && "CONNECTED".equals(e.data().get("state"))));
      assertThat(got.get(0).type()).isEqualTo(ConsoleEvent.SESSION_CREATED);
      assertThat(got.get(0).data()).containsEntry("session", ps.id()).containsEntry("name", "one");
      // type quickly: many screen changes, coalesced to one event per 100 ms at most
      ActionInterpreter in = new ActionInterpreter(ps);
      try {
        in.setAidTimeout(Duration.ofSeconds(10));
        assertThat(in.execute("Wait(10,InputField)").success()).isTrue();
        for (int i = 0; i < 20; i++) {
          assertThat(in.execute("String(x)").success()).isTrue();
        }
      } finally {
        in.close();
      }
      long finalVersion = ps.snapshot().version();
      got.addAll(
          until(
              s,
              e ->
                  e.type().equals(ConsoleEvent.SESSION_SCREEN)
                      && ((Number) e.data().get("version")).longValue() == finalVersion));
      List<ConsoleEvent> screens =
          got.stream().filter(e -> e.type().equals(ConsoleEvent.SESSION_SCREEN)).toList();
      assertThat(screens).isNotEmpty();
      assertThat(screens.size()).isLessThan(21);
      for (int i = 1; i < screens.size(); i++) {
        Duration gap = Duration.between(screens.get(i - 1).time(), screens.get(i).time());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(95));
      }
      pool.close(ps.id());
      until(
          s,
          e ->
              e.type().equals(ConsoleEvent.SESSION_STATE)
                  && "CLOSED".equals(e.data().get("state")));
    }
  }
}
