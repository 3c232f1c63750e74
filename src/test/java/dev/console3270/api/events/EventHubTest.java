package dev.console3270.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventHubTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(5), ZoneOffset.UTC);

  private static EventHub hub(int buffer) {
    return new EventHub(buffer, Duration.ofMillis(100), CLOCK);
  }

  private static List<ConsoleEvent> drain(EventSubscription s) {
    List<ConsoleEvent> out = new ArrayList<>();
    for (ConsoleEvent e = s.poll(); e != null; e = s.poll()) {
      out.add(e);
    }
    return out;
  }

  @Test
  void idsIncreaseAndLiveSubscribersGetEventsInOrder() {
    try (EventHub hub = hub(10)) {
      EventSubscription s = hub.subscribe(EventFilter.all(), 100);
      ConsoleEvent a = hub.publish("session.created", Map.of("session", "s1"));
      ConsoleEvent b = hub.publish("session.state", Map.of("session", "s1"));
      assertThat(a.id()).isEqualTo(5000);
      assertThat(b.id()).isEqualTo(a.id() + 1);
      assertThat(drain(s)).containsExactly(a, b);
    }
  }

  @Test
  void ringBufferKeepsTheNewestAndReplaysAfterLastEventId() {
    try (EventHub hub = hub(3)) {
      List<ConsoleEvent> all = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        all.add(hub.publish("t.x", Map.of("i", i)));
      }
      assertThat(hub.buffered(-1)).containsExactlyElementsOf(all.subList(2, 5));
      // the client saw event #2 (index 1): #3..#5 are all buffered, no gap
      EventSubscription ok = hub.subscribe(EventFilter.all(), 10, all.get(1).id());
      assertThat(drain(ok)).containsExactlyElementsOf(all.subList(2, 5));
      // the client saw only event #1: #2 is gone, so a gap marker comes first
      EventSubscription gap = hub.subscribe(EventFilter.all(), 10, all.get(0).id());
      List<ConsoleEvent> got = drain(gap);
      assertThat(got.get(0).type()).isEqualTo(ConsoleEvent.GAP);
      assertThat(got.get(0).id()).isEqualTo(all.get(2).id() - 1);
      assertThat(got.get(0).data()).containsEntry("lastEventId", all.get(0).id());
      assertThat(got.subList(1, got.size())).containsExactlyElementsOf(all.subList(2, 5));
      // an id this hub never gave (from before a restart with a clock gone back) is a gap too
      EventSubscription future = hub.subscribe(EventFilter.all(), 10, all.get(4).id() + 100);
      assertThat(drain(future)).extracting(ConsoleEvent::type).containsExactly(ConsoleEvent.GAP);
      // up to date: nothing
      assertThat(drain(hub.subscribe(EventFilter.all(), 10, all.get(4).id()))).isEmpty();
    }
  }

  @Test
  void replayAndLiveEventsAreFiltered() {
    try (EventHub hub = hub(10)) {
      long before = hub.lastId();
      hub.publish("session.created", Map.of());
      hub.publish("endpoint.health", Map.of());
      EventSubscription s = hub.subscribe(EventFilter.types(List.of("session")), 10, before);
      hub.publish("session.screen", Map.of());
      hub.publish("sessions.other", Map.of());
      assertThat(drain(s))
          .extracting(ConsoleEvent::type)
          .containsExactly("session.created", "session.screen");
    }
  }

  @Test
  void aSlowSubscriberIsDroppedWithAFinalEventAndPublishingNeverWaits() {
    try (EventHub hub = hub(100)) {
      EventSubscription slow = hub.subscribe(EventFilter.all(), 3);
      EventSubscription fast = hub.subscribe(EventFilter.all(), 1000);
      long start = System.nanoTime();
      List<ConsoleEvent> published = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        published.add(hub.publish("t", Map.of("i", i)));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(slow.isClosed()).isTrue();
      assertThat(hub.subscriberCount()).isEqualTo(1);
      List<ConsoleEvent> got = drain(slow);
      assertThat(got).hasSize(4);
      assertThat(got.subList(0, 3)).containsExactlyElementsOf(published.subList(0, 3));
      ConsoleEvent last = got.get(3);
      assertThat(last.type()).isEqualTo(ConsoleEvent.DROPPED);
      assertThat(last.id()).isEqualTo(published.get(2).id());
      assertThat((String) last.data().get("reason")).contains("too slow");
      assertThat(slow.isEnded()).isTrue();
      assertThat(drain(fast)).containsExactlyElementsOf(published);
      // resuming from the dropped marker's id replays exactly what was missed
      assertThat(drain(hub.subscribe(EventFilter.all(), 100, last.id())))
          .containsExactlyElementsOf(published.subList(3, 50));
    }
  }

  @Test
  void pollWaitsForAnEventAndReturnsNullWhenTheHubCloses() throws Exception {
    EventHub hub = hub(10);
    EventSubscription s = hub.subscribe(EventFilter.all(), 10);
    Thread t = new Thread(() -> hub.publish("late", Map.of()));
    t.start();
    ConsoleEvent e = s.poll(Duration.ofSeconds(5));
    t.join();
    assertThat(e).isNotNull();
    assertThat(e.type()).isEqualTo("late");
    hub.close();
    assertThat(s.poll(Duration.ofSeconds(5))).isNull();
    assertThat(s.isEnded()).isTrue();
  }

  @Test
  void typePatternsArePrefixesOrGlobs() {
    assertThat(TypePattern.of("session").matches("session.screen")).isTrue();
    assertThat(TypePattern.of("session").matches("session")).isTrue();
    assertThat(TypePattern.of("session").matches("sessions.x")).isFalse();
    assertThat(TypePattern.of("*.health").matches("endpoint.health")).isTrue();
    assertThat(TypePattern.of("*.health").matches("endpoint.admin")).isFalse();
    assertThat(TypePattern.of("session.*").matches("session.state")).isTrue();
    assertThat(TypePattern.of("session.*").matches("session")).isFalse();
    assertThat(TypePattern.of("*").matches("anything.at.all")).isTrue();
    assertThat(TypePattern.of("a*c*e").matches("abcde")).isTrue();
    assertThat(TypePattern.of("a*c*e").matches("abcdf")).isFalse();
    assertThatThrownBy(() -> TypePattern.of("bad type"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad type");
    assertThatThrownBy(() -> TypePattern.of(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
