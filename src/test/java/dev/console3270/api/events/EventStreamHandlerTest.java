package dev.console3270.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventStreamHandlerTest {
  private final ObjectMapper json = new ObjectMapper();
  private EventHub hub;
  private HttpServer server;
  private ExecutorService pool;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    hub = new EventHub();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pool = Executors.newFixedThreadPool(4);
    server.setExecutor(pool);
    server.createContext(
        "/api/v1/events",
        new EventStreamHandler(hub, x -> EventFilter.all(), Duration.ofMillis(200), 100));
    server.start();
  }

  @AfterEach
  void stop() {
    hub.close();
    server.stop(0);
    pool.shutdownNow();
  }

  private URI uri(String query) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/events" + query);
  }

  /** One parsed SSE event: id, event name, data. */
  record Sse(String id, String event, String data) {}

  /** Reads events until {@code count} arrived (comments skipped, counted in heartbeats). */
  static final class Reader implements AutoCloseable {
    final BufferedReader in;
    final InputStream raw;
    int heartbeats;

    Reader(InputStream raw) {
      this.raw = raw;
      this.in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
    }

    Sse next() throws Exception {
      String id = null;
      String event = null;
      StringBuilder data = null;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          if (data != null) {
            return new Sse(id, event, data.toString());
          }
          continue;
        }
        if (line.startsWith(":")) {
          heartbeats++;
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = data == null ? new StringBuilder() : data.append('\n');
          data.append(line.substring(6));
        }
      }
      return null;
    }

    @Override
    public void close() throws java.io.IOException {
      raw.close();
    }
  }

  private Reader open(String query, String lastEventId) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(query)).timeout(Duration.ofSeconds(10));
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
    return new Reader(r.body());
  }

  private void awaitSubscribers(int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (hub.subscriberCount() < n && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    assertThat(hub.subscriberCount()).isEqualTo(n);
  }

  @Test
  void eventsArriveInOrderWithIdsAndAReconnectGetsWhatItMissed() throws Exception {
    List<ConsoleEvent> published = new ArrayList<>();
    String lastSeen;
    try (Reader r = open("", null)) {
      awaitSubscribers(1);
      for (int i = 0; i < 3; i++) {
        published.add(hub.publish("session.state", Map.of("i", i, "text", "a\nb")));
      }
      for (ConsoleEvent e : published) {
        Sse s = r.next();
        assertThat(s.id()).isEqualTo(Long.toString(e.id()));
        assertThat(s.event()).isEqualTo("session.state");
        JsonNode n = json.readTree(s.data());
        assertThat(n.get("id").asLong()).isEqualTo(e.id());
        assertThat(n.get("data").get("i").asInt()).isEqualTo(e.data().get("i"));
        assertThat(n.get("data").get("text").asText()).isEqualTo("a\nb");
      }
      lastSeen = Long.toString(published.get(0).id());
    }
    // events 2 and 3 were read above, but pretend the client only processed the first
    published.add(hub.publish("endpoint.health", Map.of("endpoint", "e1")));
    try (Reader r = open("", lastSeen)) {
      for (ConsoleEvent e : published.subList(1, 4)) {
        assertThat(r.next().id()).isEqualTo(Long.toString(e.id()));
      }
      // then live events follow on the same stream, and heartbeats while quiet
      Thread.sleep(500);
      ConsoleEvent live = hub.publish("session.screen", Map.of("version", 7));
      assertThat(r.next().id()).isEqualTo(Long.toString(live.id()));
      assertThat(r.heartbeats).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void theTypesParameterFiltersAndAnOldIdGetsAGapMarker() throws Exception {
    ConsoleEvent first = hub.publish("session.created", Map.of());
    hub.publish("audit.record", Map.of());
    ConsoleEvent third = hub.publish("endpoint.health", Map.of());
    try (Reader r = open("?types=endpoint,session.created", Long.toString(first.id() - 1))) {
      assertThat(r.next().id()).isEqualTo(Long.toString(first.id()));
      assertThat(r.next().id()).isEqualTo(Long.toString(third.id()));
    }
    try (Reader r = open("", "1")) {
      Sse gap = r.next();
      assertThat(gap.event()).isEqualTo(ConsoleEvent.GAP);
      assertThat(r.next().id()).isEqualTo(Long.toString(first.id()));
    }
  }

  @Test
  void badRequestsGetClearErrors() throws Exception {
    HttpResponse<String> bad =
        client.send(
            HttpRequest.newBuilder(uri("?types=bad%20type")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("bad type");
    HttpResponse<String> id =
        client.send(
            HttpRequest.newBuilder(uri("")).header("Last-Event-ID", "x").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(id.statusCode()).isEqualTo(400);
    assertThat(id.body()).contains("Last-Event-ID");
    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(uri("")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void sseWriterSplitsMultiLineData() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SseWriter w = new SseWriter(out);
    w.write("7", "x", "one\r\ntwo\nthree");
    w.comment("hb\nx");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("id: 7\nevent: x\ndata: one\ndata: two\ndata: three\n\n: hb x\n\n");
  }
}
