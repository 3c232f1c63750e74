package dev.console3270.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.api.events.ConsoleEvent;
import dev.console3270.api.events.EventFilter;
import dev.console3270.api.events.EventHub;
import dev.console3270.api.events.EventSubscription;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookDispatcherTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private Receiver receiver;
  private EventHub hub;

  @BeforeEach
  void start() throws Exception {
    receiver = new Receiver(Clock.systemUTC());
    hub = new EventHub();
  }

  @AfterEach
  void stop() {
    receiver.close();
    hub.close();
  }

  private static WebhookDispatcher.Config config(List<Duration> retries, int disableAfter) {
    return new WebhookDispatcher.Config(
        retries, 0, disableAfter, Duration.ofSeconds(10), 2, 50, 100);
  }

  private static void await(BooleanSupplier cond) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met in time");
      }
      Thread.sleep(10);
    }
  }

  private Subscription subscribe(WebhookStore store, String path, String... types)
      throws Exception {
    Subscription s = store.create(receiver.url(path), List.of(types));
    receiver.secret(path, s.secret());
    return s;
  }

  @Test
  void aFailedAttemptIsRetriedUnderTheSameIdAndBothAttemptsAreLogged() throws Exception {
    WebhookStore store = WebhookStore.open(dir);
    Subscription s = subscribe(store, "/a", "session");
    receiver.answer("/a", 500);
    Path journal = dir.resolve(WebhookDispatcher.JOURNAL);
    try (WebhookDispatcher d =
        WebhookDispatcher.open(
            store,
            journal,
            hub,
            config(List.of(Duration.ofMillis(50)), 5),
            http,
            Clock.systemUTC())) {
      ConsoleEvent e = hub.publish("session.created", Map.of("session", "s1"));
      await(() -> receiver.hits("/a").size() == 2 && d.pending().isEmpty());
      List<Receiver.Hit> hits = receiver.hits("/a");
      assertThat(hits).allMatch(Receiver.Hit::signatureValid);
      assertThat(hits.get(0).id()).startsWith("msg_").isEqualTo(hits.get(1).id());
      JsonNode body = json.readTree(hits.get(1).body());
      assertThat(body.get("type").asText()).isEqualTo("session.created");
      assertThat(body.get("timestamp").asText()).isEqualTo(e.time().toString());
      assertThat(body.get("data").get("session").asText()).isEqualTo("s1");
      List<DeliveryAttempt> log = d.log(s.id());
      assertThat(log).extracting(DeliveryAttempt::attempt).containsExactly(1, 2);
      assertThat(log).extracting(DeliveryAttempt::status).containsExactly(500, 200);
      assertThat(log).extracting(DeliveryAttempt::delivered).containsExactly(false, true);
      assertThat(log.get(0).eventId()).isEqualTo(e.id());
      assertThat(d.journalLines()).isZero(); // compacted once nothing was pending
      assertThat(Files.readString(journal)).isEmpty();
      // redeliver sends it once more with the same id
      d.redeliver(hits.get(0).id());
      await(() -> receiver.hits("/a").size() == 3);
      assertThat(receiver.hits("/a").get(2).id()).isEqualTo(hits.get(0).id());
      await(() -> d.pending().isEmpty());
      assertThat(d.log(s.id())).hasSize(3);
      assertThatThrownBy(() -> d.redeliver("msg_unknown"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("msg_unknown");
    }
  }

  @Test
  void goneDisablesAtOnceAndPublishesAnEvent() throws Exception {
    WebhookStore store = WebhookStore.open(dir);
    Subscription s = subscribe(store, "/gone", "*");
    receiver.answer("/gone", 410);
    EventSubscription watch = hub.subscribe(EventFilter.types(List.of("webhook")), 100);
    try (WebhookDispatcher d =
        WebhookDispatcher.open(
            store,
            dir.resolve(WebhookDispatcher.JOURNAL),
            hub,
            config(List.of(Duration.ofMillis(10), Duration.ofMillis(10)), 5),
            http,
            Clock.systemUTC())) {
      hub.publish("endpoint.health", Map.of("endpoint", "e1"));
      ConsoleEvent disabled = watch.poll(Duration.ofSeconds(15));
      assertThat(disabled).isNotNull();
      assertThat(disabled.type()).isEqualTo(ConsoleEvent.WEBHOOK_DISABLED);
      assertThat(disabled.data()).containsEntry("subscription", s.id());
      Subscription now = store.get(s.id()).orElseThrow();
      assertThat(now.enabled()).isFalse();
      assertThat(now.disabledReason()).contains("410");
      assertThat(d.log(s.id())).extracting(DeliveryAttempt::status).containsExactly(410);
      // a disabled subscription gets nothing more (the webhook.disabled event included)
      hub.publish("endpoint.health", Map.of("endpoint", "e2"));
      Thread.sleep(300);
      assertThat(receiver.hits("/gone")).hasSize(1);
    }
    // the store kept it disabled
    assertThat(WebhookStore.open(dir).get(s.id()).orElseThrow().enabled()).isFalse();
  }

  @Test
  void repeatedFailedDeliveriesDisableTheSubscription() throws Exception {
    WebhookStore store = WebhookStore.open(dir);
    Subscription s = subscribe(store, "/down", "t");
    receiver.answer("/down", 500, 500, 500, 500);
    try (WebhookDispatcher d =
        WebhookDispatcher.open(
            store,
            dir.resolve(WebhookDispatcher.JOURNAL),
            hub,
            config(List.of(), 2),
            http,
            Clock.systemUTC())) {
      hub.publish("t", Map.of());
      await(() -> d.log(s.id()).size() == 1 && d.pending().isEmpty());
      assertThat(store.get(s.id()).orElseThrow().enabled()).isTrue();
      hub.publish("t", Map.of());
      await(() -> !store.get(s.id()).orElseThrow().enabled());
      assertThat(store.get(s.id()).orElseThrow().disabledReason()).contains("2 deliveries");
    }
  }

  @Test
  void eventsGoOnlyToSubscriptionsWhoseTypesMatch() throws Exception {
    WebhookStore store = WebhookStore.open(dir);
    subscribe(store, "/sessions", "session.*");
    subscribe(store, "/health", "*.health", "audit");
    try (WebhookDispatcher d =
        WebhookDispatcher.open(
            store,
            dir.resolve(WebhookDispatcher.JOURNAL),
            hub,
            config(List.of(), 5),
            http,
            Clock.systemUTC())) {
      hub.publish("session.created", Map.of());
      hub.publish("endpoint.health", Map.of());
      hub.publish("audit.record", Map.of());
      hub.publish("endpoint.admin", Map.of());
      await(() -> receiver.hits.size() == 3 && d.pending().isEmpty());
      Thread.sleep(200);
      assertThat(receiver.hits("/sessions"))
          .extracting(h -> type(h.body()))
          .containsExactly("session.created");
      assertThat(receiver.hits("/health"))
          .extracting(h -> type(h.body()))
          .containsExactlyInAnyOrder("endpoint.health", "audit.record");
    }
  }

  private String type(String body) {
    try {
      return json.readTree(body).get("type").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aPendingDeliverySurvivesARestart() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    receiver.close();
    receiver = new Receiver(clock);
    WebhookStore store = WebhookStore.open(dir.resolve("webhooks.json"), clock, new SecureRandom());
    Subscription s = subscribe(store, "/r", "session");
    receiver.answer("/r", 503);
    Path journal = dir.resolve(WebhookDispatcher.JOURNAL);
    WebhookDispatcher.Config cfg = config(List.of(Duration.ofMinutes(1)), 5);
    WebhookDispatcher first = WebhookDispatcher.open(store, journal, hub, cfg, http, clock);
    hub.publish("session.state", Map.of("state", "CONNECTED"));
    await(() -> first.log(s.id()).size() == 1);
    await(() -> first.pending().size() == 1 && first.pending().get(0).attempts() == 1);
    Delivery waiting = first.pending().get(0);
    assertThat(waiting.nextAttempt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    first.close();
    assertThat(Files.readAllLines(journal)).hasSize(2); // queue + retry

    clock.advance(Duration.ofMinutes(2));
    try (EventHub hub2 = new EventHub();
        WebhookDispatcher second =
            WebhookDispatcher.open(
                WebhookStore.open(dir.resolve("webhooks.json"), clock, new SecureRandom()),
                journal,
                hub2,
                cfg,
                http,
                clock)) {
      await(() -> second.pending().isEmpty());
      List<Receiver.Hit> hits = receiver.hits("/r");
      assertThat(hits).hasSize(2);
      assertThat(hits).allMatch(Receiver.Hit::signatureValid);
      assertThat(hits.get(1).id()).isEqualTo(waiting.id());
      assertThat(hits.get(1).answered()).isEqualTo(200);
      assertThat(second.log(s.id())).extracting(DeliveryAttempt::attempt).containsExactly(2);
      assertThat(Files.readString(journal)).isEmpty();
    }
  }

  @Test
  void redeliverSendsAWaitingDeliveryAtOnce() throws Exception {
    WebhookStore store = WebhookStore.open(dir);
    Subscription s = subscribe(store, "/w", "*");
    receiver.answer("/w", 500);
    try (WebhookDispatcher d =
        WebhookDispatcher.open(
            store,
            dir.resolve(WebhookDispatcher.JOURNAL),
            hub,
            config(List.of(Duration.ofHours(1)), 5),
            http,
            Clock.systemUTC())) {
      hub.publish("t", Map.of());
      await(() -> d.pending().size() == 1 && d.pending().get(0).attempts() == 1);
      Delivery waiting = d.pending().get(0);
      assertThat(d.redeliver(waiting.id())).isEqualTo(waiting);
      await(() -> d.pending().isEmpty());
      assertThat(d.log(s.id())).extracting(DeliveryAttempt::status).containsExactly(500, 200);
      assertThat(d.delivery(waiting.id())).isPresent();
    }
  }

  @Test
  void aTornJournalLineIsSkipped() throws Exception {
    WebhookStore store = WebhookStore.open(dir);
    Path journal = dir.resolve(WebhookDispatcher.JOURNAL);
    Files.writeString(journal, "{\"op\":\"queue\",\"id\":\"msg_x\",\"subscr");
    try (WebhookDispatcher d =
        WebhookDispatcher.open(
            store, journal, hub, config(List.of(), 5), http, Clock.systemUTC())) {
      assertThat(d.pending()).isEmpty();
    }
  }
}
