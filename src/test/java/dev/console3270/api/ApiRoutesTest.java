package dev.console3270.api;

import static dev.console3270.api.ApiTestKit.assertProblem;
import static dev.console3270.api.ApiTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.console3270.api.events.ConsoleEvent;
import dev.console3270.api.events.EventHub;
import dev.console3270.api.webhooks.WebhookDispatcher;
import dev.console3270.api.webhooks.WebhookSigner;
import dev.console3270.api.webhooks.WebhookStore;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditType;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.host.DemoHost;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The event, webhook, audit, compliance and x3270 routes over real HTTP. */
@Timeout(120)
class ApiRoutesTest {
  @TempDir Path dir;
  private DemoHost host;
  private EventHub hub;
  private WebhookStore store;
  private WebhookDispatcher dispatcher;
  private ApiTestKit kit;
  private EventHub.Attachment attachment;
  private final List<Thread> readers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    host = DemoHost.start(0, "ALPHA");
    hub = new EventHub();
    store = WebhookStore.open(dir.resolve("webhooks.json"), Clock.systemUTC(), new SecureRandom());
    dispatcher =
        WebhookDispatcher.open(
            store,
            dir.resolve(WebhookDispatcher.JOURNAL),
            hub,
            new WebhookDispatcher.Config(
                List.of(Duration.ofMillis(200), Duration.ofMillis(200)),
                0,
                5,
                Duration.ofSeconds(5),
                2,
                100,
                1000),
            HttpClient.newHttpClient(),
            Clock.systemUTC());
    kit =
        new ApiTestKit(
            dir,
            c -> c,
            List.of(hub.auditListener()),
            s ->
                s.withEvents(hub)
                    .withWebhooks(store, dispatcher)
                    .withAuditFiles(dir.resolve("audit"), dir.resolve("audit.key"))
                    .withComplianceReport(() -> "{\"compliant\":true,\"rules\":[]}"));
    attachment = hub.attach(kit.pool);
    kit.registry.add(Endpoint.of("alpha", "127.0.0.1", host.port()));
  }

  @AfterEach
  void stop() throws Exception {
    attachment.close();
    dispatcher.close();
    kit.close();
    hub.close();
    host.close();
    for (Thread t : readers) {
      t.join(5000);
    }
  }

  private String createSession() throws Exception {
    HttpResponse<String> r =
        kit.post("/api/v1/sessions", "{\"name\":\"t1\",\"endpoint\":\"alpha\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = json(r).get("id").asText();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> kit.pool.get(id).orElseThrow().state().name().equals("CONNECTED"));
    return id;
  }

  private void signOn(String id) throws Exception {
    HttpResponse<String> r =
        kit.post(
            "/api/v1/sessions/" + id + "/actions",
            "{\"actions\":[],\"wait\":{\"condition\":\"InputField\",\"timeoutMs\":10000}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    r =
        kit.post(
            "/api/v1/sessions/" + id + "/actions",
            "{\"actions\":[\"String(\\\"DEMO\\\")\",\"Tab()\",\"String(\\\"DEMO3270\\\")\","
                + "\"Enter()\"],\"wait\":{\"condition\":\"Unlock\",\"timeoutMs\":10000}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  /** Opens an event stream; its lines arrive in the queue (read by a thread of its own). */
  private BlockingQueue<String> openStream(String query, String lastEventId) throws Exception {
    return openStream(query, lastEventId, kit.server.token());
  }

  private BlockingQueue<String> openStream(String query, String lastEventId, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(kit.uri("/api/v1/events" + query))
            .header("Authorization", "Bearer " + token);
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> r =
        kit.http.send(b.GET().build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread t =
        new Thread(
            () -> {
              try (Stream<String> s = r.body()) {
                s.forEach(lines::add);
              } catch (RuntimeException e) {
                // the server stopped
              }
            },
            "sse-reader");
    t.setDaemon(true);
    t.start();
    readers.add(t);
    return lines;
  }

  /** An SSE event as read off the wire. */
  private record Sse(long id, String type, JsonNode data) {}

  /** The next complete event, skipping comments and the retry field. */
  private static Sse next(BlockingQueue<String> lines) throws Exception {
    long id = -1;
    String type = null;
    StringBuilder data = new StringBuilder();
    while (true) {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("an event line within 20 s").isNotNull();
      if (line.isEmpty()) {
        if (type != null) {
          return new Sse(id, type, ApiTestKit.JSON.readTree(data.toString()));
        }
        continue;
      }
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.append(line.substring(6));
      }
    }
  }

  private static Sse nextOf(BlockingQueue<String> lines, String type) throws Exception {
    while (true) {
      Sse e = next(lines);
      if (e.type().equals(type)) {
        return e;
      }
    }
  }

  @Test
  void eventStreamShowsSessionAndScreenEventsAndResumesAfterLastEventId() throws Exception {
    BlockingQueue<String> lines = openStream("?types=session.*", null);
    String id = createSession();
    Sse created = nextOf(lines, "session.created");
    assertThat(created.data().toString()).contains(id);
    signOn(id);
    Sse screen = nextOf(lines, "session.screen");
    assertThat(screen.id()).isGreaterThan(created.id());
    // only the types asked for
    List<Sse> seen = new ArrayList<>(List.of(created, screen));
    for (Sse e : seen) {
      assertThat(e.type()).startsWith("session.");
    }

    // a reconnect with Last-Event-ID replays what came after it, in order
    BlockingQueue<String> again = openStream("?types=session.*", Long.toString(created.id()));
    Sse first = next(again);
    assertThat(first.id()).isGreaterThan(created.id());
    long last = first.id();
    boolean sawScreen = first.type().equals("session.screen");
    while (last < screen.id()) {
      Sse e = next(again);
      assertThat(e.id()).isGreaterThan(last);
      last = e.id();
      sawScreen |= e.type().equals("session.screen");
    }
    assertThat(sawScreen).isTrue();

    // a malformed Last-Event-ID or type pattern is a problem, not a stream
    assertProblem(
        kit.send(kit.request("/api/v1/events").header("Last-Event-ID", "abc").GET().build()),
        400,
        "bad-request");
    assertProblem(kit.get("/api/v1/events?types=session%21"), 400, "bad-request");
  }

  @Test
  void openStreamsDoNotStarveOtherRequests() throws Exception {
    List<BlockingQueue<String>> streams = new ArrayList<>();
    for (int i = 0; i < 8; i++) { // twice the worker threads
      streams.add(openStream("", null));
    }
    long t0 = System.nanoTime();
    HttpResponse<String> health = kit.get("/api/v1/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    // audit records reach the admin's streams: the health request's API_ACCESS among them
    Sse audit = nextOf(streams.get(0), "audit.record");
    assertThat(audit.data().get("data").get("auditType").asText()).isNotBlank();
  }

  @Test
  void webhookDeliveriesAreSignedRetriedLoggedAndRedeliverable() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        ex -> {
          try (ex;
              InputStream in = ex.getRequestBody()) {
            bodies.add(in.readAllBytes());
            received.add(
                Map.of(
                    "id", ex.getRequestHeaders().getFirst(WebhookSigner.ID),
                    "ts", ex.getRequestHeaders().getFirst(WebhookSigner.TIMESTAMP),
                    "sig", ex.getRequestHeaders().getFirst(WebhookSigner.SIGNATURE)));
            ex.sendResponseHeaders(calls.getAndIncrement() == 0 ? 500 : 204, -1);
          }
        });
    receiver.start();
    try {
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      assertProblem(
          kit.post("/api/v1/webhooks", "{\"url\":\"ftp://example.com/x\",\"types\":[\"a\"]}"),
          400,
          "bad-request");
      assertProblem(
          kit.post("/api/v1/webhooks", "{\"url\":\"" + url + "\",\"types\":[]}"),
          400,
          "bad-request");
      HttpResponse<String> c =
          kit.post("/api/v1/webhooks", "{\"url\":\"" + url + "\",\"types\":[\"session.created\"]}");
      assertThat(c.statusCode()).as(c.body()).isEqualTo(201);
      JsonNode sub = json(c);
      String subId = sub.get("id").asText();
      String secret = sub.get("secret").asText();
      assertThat(secret).startsWith(WebhookSigner.PREFIX);
      assertThat(c.headers().firstValue("Location")).contains("/api/v1/webhooks/" + subId);
      JsonNode listed = json(kit.get("/api/v1/webhooks")).get("items").get(0);
      assertThat(listed.get("secret").asText()).isNotEqualTo(secret).startsWith("whsec_...");
      assertThat(json(kit.get("/api/v1/webhooks/" + subId)).get("secret").asText())
          .isNotEqualTo(secret);

      createSession();
      await().atMost(Duration.ofSeconds(15)).until(() -> calls.get() >= 2);
      for (int i = 0; i < 2; i++) {
        Map<String, String> h = received.get(i);
        assertThat(
                WebhookSigner.verify(
                    secret, h.get("id"), h.get("ts"), h.get("sig"), bodies.get(i), Instant.now()))
            .isTrue();
      }
      assertThat(received.get(1).get("id")).isEqualTo(received.get(0).get("id"));
      assertThat(new String(bodies.get(1), java.nio.charset.StandardCharsets.UTF_8))
          .contains("session.created");

      JsonNode log = json(kit.get("/api/v1/webhooks/" + subId + "/deliveries")).get("items");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  json(kit.get("/api/v1/webhooks/" + subId + "/deliveries")).get("items").size()
                      >= 2);
      log = json(kit.get("/api/v1/webhooks/" + subId + "/deliveries")).get("items");
      assertThat(log.get(0).get("status").asInt()).isEqualTo(500);
      assertThat(log.get(0).get("delivered").asBoolean()).isFalse();
      assertThat(log.get(1).get("status").asInt()).isEqualTo(204);
      assertThat(log.get(1).get("delivered").asBoolean()).isTrue();
      assertThat(log.get(1).get("attempt").asInt()).isEqualTo(2);
      String deliveryId = log.get(0).get("deliveryId").asText();
      assertThat(deliveryId).isEqualTo(received.get(0).get("id"));

      HttpResponse<String> re =
          kit.post("/api/v1/webhooks/" + subId + "/deliveries/" + deliveryId + "/redeliver", "");
      assertThat(re.statusCode()).as(re.body()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
      assertThat(received.get(2).get("id")).isEqualTo(deliveryId);
      assertProblem(
          kit.post("/api/v1/webhooks/" + subId + "/deliveries/msg_nosuch/redeliver", ""),
          404,
          "not-found");

      JsonNode rotated = json(kit.post("/api/v1/webhooks/" + subId + "/rotate-secret", ""));
      String newSecret = rotated.get("secret").asText();
      assertThat(newSecret).startsWith(WebhookSigner.PREFIX).isNotEqualTo(secret);
      assertThat(json(kit.get("/api/v1/webhooks/" + subId)).get("secret").asText())
          .isEqualTo("whsec_..." + newSecret.substring(newSecret.length() - 4));

      HttpResponse<String> put =
          kit.put(
              "/api/v1/webhooks/" + subId,
              "{\"url\":\"" + url + "\",\"types\":[\"session.*\"],\"enabled\":false}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(json(put).get("enabled").asBoolean()).isFalse();
      assertThat(json(put).get("types").get(0).asText()).isEqualTo("session.*");
      assertProblem(
          kit.put(
              "/api/v1/webhooks/" + subId, "{\"url\":\"file:///etc/passwd\",\"types\":[\"a\"]}"),
          400,
          "bad-request");

      HttpResponse<String> del =
          kit.send(kit.request("/api/v1/webhooks/" + subId).DELETE().build());
      assertThat(del.statusCode()).isEqualTo(204);
      assertProblem(kit.get("/api/v1/webhooks/" + subId), 404, "not-found");

      List<String> actions = new ArrayList<>();
      for (AuditEvent e : kit.audited) {
        if (e.type() == AuditType.ADMIN_ACTION) {
          actions.add(e.details().get("action"));
        }
      }
      assertThat(actions)
          .containsSubsequence(
              "webhook.create",
              "webhook.redeliver",
              "webhook.rotate-secret",
              "webhook.update",
              "webhook.delete");
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void auditQueryFiltersPagesAndVerifies() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(kit.get("/api/v1/health").statusCode()).isEqualTo(200);
    }
    JsonNode page = json(kit.get("/api/v1/audit?type=API_ACCESS&limit=2"));
    assertThat(page.get("items")).hasSize(2);
    String cursor = page.get("nextCursor").asText();
    long lastSeq = page.get("items").get(1).get("seq").asLong();
    assertThat(cursor).isEqualTo(Long.toString(lastSeq));
    List<Long> seqs = new ArrayList<>();
    page.get("items").forEach(n -> seqs.add(n.get("seq").asLong()));
    while (!page.get("nextCursor").isNull()) {
      page =
          json(
              kit.get(
                  "/api/v1/audit?type=api_access&limit=2&after="
                      + page.get("nextCursor").asText()));
      for (JsonNode n : page.get("items")) {
        assertThat(n.get("type").asText()).isEqualTo("API_ACCESS");
        assertThat(n.get("seq").asLong()).isGreaterThan(seqs.get(seqs.size() - 1));
        seqs.add(n.get("seq").asLong());
      }
    }
    assertThat(seqs).hasSizeGreaterThanOrEqualTo(5);

    JsonNode health =
        json(kit.get("/api/v1/audit?text=%2Fapi%2Fv1%2Fhealth&outcome=SUCCESS&limit=1000"));
    assertThat(health.get("items")).hasSizeGreaterThanOrEqualTo(5);
    health
        .get("items")
        .forEach(
            n -> assertThat(n.get("details").get("path").asText()).isEqualTo("/api/v1/health"));
    assertThat(health.get("nextCursor").isNull()).isTrue();

    assertThat(json(kit.get("/api/v1/audit?to=2000-01-01T00:00:00Z")).get("items")).isEmpty();
    String future = Instant.now().plusSeconds(3600).toString();
    assertThat(json(kit.get("/api/v1/audit?from=" + future)).get("items")).isEmpty();
    assertThat(json(kit.get("/api/v1/audit?user=nobody-at-all")).get("items")).isEmpty();

    assertProblem(kit.get("/api/v1/audit?type=NOPE"), 400, "bad-request");
    assertProblem(kit.get("/api/v1/audit?limit=0"), 400, "bad-request");
    assertProblem(kit.get("/api/v1/audit?limit=1001"), 400, "bad-request");
    assertProblem(kit.get("/api/v1/audit?from=yesterday"), 400, "bad-request");
    assertProblem(kit.get("/api/v1/audit?after=-1"), 400, "bad-request");

    HttpResponse<String> v = kit.post("/api/v1/audit/verify", "");
    assertThat(v.statusCode()).as(v.body()).isEqualTo(200);
    JsonNode verdict = json(v);
    assertThat(verdict.get("passed").asBoolean()).as(v.body()).isTrue();
    assertThat(verdict.get("records").asLong()).isPositive();
    assertThat(verdict.get("failure").isNull()).isTrue();

    assertThat(kit.audited)
        .filteredOn(e -> e.type() == AuditType.AUDIT_ACCESS)
        .extracting(e -> e.details().get("action"))
        .contains("query", "verify");
  }

  @Test
  void complianceReportIsServedAndMissingIsAProblem() throws Exception {
    HttpResponse<String> r = kit.get("/api/v1/compliance");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(json(r).get("compliant").asBoolean()).isTrue();
    try (ApiTestKit plain = new ApiTestKit(dir.resolve("plain"), c -> c)) {
      assertProblem(plain.get("/api/v1/compliance"), 404, "not-found");
      assertProblem(plain.get("/api/v1/events"), 404, "not-found");
      assertProblem(plain.get("/api/v1/webhooks"), 404, "not-found");
      assertProblem(plain.get("/api/v1/audit"), 404, "not-found");
    }
  }

  @Test
  void x3270RestAnswersThroughTheServerWithTheToken() throws Exception {
    String id = createSession();
    HttpResponse<String> ready =
        kit.post(
            "/api/v1/sessions/" + id + "/actions",
            "{\"actions\":[],\"wait\":{\"condition\":\"InputField\",\"timeoutMs\":10000}}");
    assertThat(ready.statusCode()).isEqualTo(200);
    String row0 = kit.get("/api/v1/sessions/" + id + "/screen?format=text").body().split("\n")[0];

    HttpResponse<String> r = kit.get("/3270/rest/json/Ascii(0,0,1,20)");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("result")).hasSize(1);
    assertThat(body.get("result").get(0).asText()).isEqualTo(row0.substring(0, 20));
    assertThat(body.get("status").asText()).isNotBlank();

    // by id too, and an unknown session is the handler's own 404 (not a problem)
    HttpResponse<String> byId = kit.get("/3270/rest/json/Ascii(0,0,1,20)?session=" + id);
    assertThat(byId.statusCode()).isEqualTo(200);
    HttpResponse<String> unknown = kit.get("/3270/rest/json/Ascii(0,0,1,20)?session=nosuch");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type").orElse(""))
        .doesNotStartWith("application/problem+json");

    assertThat(kit.audited)
        .filteredOn(e -> e.type() == AuditType.API_ACCESS)
        .extracting(e -> e.details().get("path"))
        .contains("/3270/rest/json/Ascii(0,0,1,20)");
  }

  @Test
  void newRoutesRequireTheToken() throws Exception {
    for (String path :
        List.of(
            "/api/v1/events",
            "/api/v1/webhooks",
            "/api/v1/audit",
            "/api/v1/compliance",
            "/3270/rest/json/Query()")) {
      HttpResponse<String> r = kit.send(HttpRequest.newBuilder(kit.uri(path)).GET().build());
      assertProblem(r, 401, "unauthorized");
      HttpResponse<String> wrong =
          kit.send(
              HttpRequest.newBuilder(kit.uri(path))
                  .header("Authorization", "Bearer not-the-token")
                  .GET()
                  .build());
      assertProblem(wrong, 401, "unauthorized");
    }
    HttpResponse<String> post =
        kit.send(
            HttpRequest.newBuilder(kit.uri("/3270/rest/post"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("Query()"))
                .build());
    assertProblem(post, 401, "unauthorized");
    // the Host check applies too
    HttpResponse<String> badHost =
        kit.send(
            kit.request("/3270/rest/json/Query()")
                .header("Origin", "http://evil.example")
                .GET()
                .build());
    assertProblem(badHost, 403, "forbidden");
  }

  // ------------------------------------------------------------------ named tokens and roles

  private String token(String name, String role) throws Exception {
    HttpResponse<String> r =
        kit.post("/api/v1/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode t = json(r);
    assertThat(t.get("role").asText()).isEqualTo(role);
    assertThat(t.get("token").asText()).startsWith(ApiTokens.PREFIX);
    return t.get("token").asText();
  }

  private HttpResponse<String> as(String token, String method, String path, String body)
      throws Exception {
    return kit.send(
        HttpRequest.newBuilder(kit.uri(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  @Test
  void namedTokensHaveRolesThatEveryRouteChecks() throws Exception {
    String viewer = token("dash", "viewer");
    String operator = token("robot", "operator");
    String auditor = token("sup", "auditor");
    JsonNode list = json(kit.get("/api/v1/tokens"));
    assertThat(list.get("items")).hasSize(3);
    assertThat(list.toString()).doesNotContain(viewer).doesNotContain(operator);
    String id = createSession();
    signOn(id);
    String actions = "/api/v1/sessions/" + id + "/actions";

    // viewer: looks only
    assertThat(as(viewer, "GET", "/api/v1/sessions/" + id + "/screen", null).statusCode())
        .isEqualTo(200);
    assertThat(as(viewer, "GET", "/api/v1/endpoints", null).statusCode()).isEqualTo(200);
    JsonNode denied =
        assertProblem(as(viewer, "POST", actions, "{\"actions\":[\"Enter()\"]}"), 403, "forbidden");
    assertThat(denied.get("detail").asText()).contains("dash").contains("operate");
    assertProblem(as(viewer, "GET", "/api/v1/audit", null), 403, "forbidden");
    assertProblem(
        as(viewer, "PUT", "/api/v1/balancer", "{\"strategy\":\"STICKY\"}"), 403, "forbidden");
    assertProblem(
        as(viewer, "POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"admin\"}"),
        403,
        "forbidden");
    assertThat(as(viewer, "GET", "/3270/rest/json/Query()", null).statusCode()).isEqualTo(403);

    // operator: drives sessions, nothing else
    assertThat(as(operator, "POST", actions, "{\"actions\":[\"Home()\"]}").statusCode())
        .isEqualTo(200);
    assertThat(as(operator, "GET", "/3270/rest/json/Query()?session=" + id, null).statusCode())
        .isEqualTo(200);
    assertProblem(as(operator, "GET", "/api/v1/audit", null), 403, "forbidden");
    assertProblem(as(operator, "GET", "/api/v1/webhooks", null), 403, "forbidden");
    assertProblem(
        as(operator, "POST", "/api/v1/endpoints", "{\"name\":\"b\",\"host\":\"h\",\"port\":23}"),
        403,
        "forbidden");

    // auditor: the audit trail and the compliance report, no driving
    assertThat(as(auditor, "GET", "/api/v1/audit", null).statusCode()).isEqualTo(200);
    assertThat(as(auditor, "GET", "/api/v1/compliance", null).statusCode()).isEqualTo(200);
    assertProblem(as(auditor, "POST", actions, "{\"actions\":[]}"), 403, "forbidden");

    // the audit trail names the caller of every request, allowed or not
    assertThat(kit.audited)
        .anySatisfy(
            e ->
                assertThat(e.details())
                    .containsEntry("caller", "robot")
                    .containsEntry("path", actions)
                    .containsEntry("status", "200"))
        .anySatisfy(
            e ->
                assertThat(e.details())
                    .containsEntry("caller", "dash")
                    .containsEntry("path", actions)
                    .containsEntry("status", "403"));

    // the event stream shows audit records only to those who may audit
    BlockingQueue<String> viewerStream = openStream("", null, viewer);
    BlockingQueue<String> auditorStream = openStream("", null, auditor);
    String second = createSession();
    Sse seen;
    do {
      seen = next(viewerStream);
      assertThat(seen.type()).isNotEqualTo(ConsoleEvent.AUDIT_RECORD);
    } while (!(seen.type().equals(ConsoleEvent.SESSION_STATE)
        && seen.data().toString().contains(second)
        && seen.data().toString().contains("CONNECTED")));
    do {
      seen = next(auditorStream);
    } while (!seen.type().equals(ConsoleEvent.AUDIT_RECORD));

    // revoked: at once
    assertThat(kit.send(kit.request("/api/v1/tokens/robot").DELETE().build()).statusCode())
        .isEqualTo(204);
    assertProblem(as(operator, "GET", "/api/v1/health", null), 401, "unauthorized");
    assertProblem(kit.send(kit.request("/api/v1/tokens/robot").DELETE().build()), 404, "not-found");

    // bad requests
    assertProblem(
        kit.post("/api/v1/tokens", "{\"name\":\"admin\",\"role\":\"viewer\"}"), 400, "bad-request");
    assertProblem(
        kit.post("/api/v1/tokens", "{\"name\":\"dash\",\"role\":\"viewer\"}"), 400, "bad-request");
    assertProblem(
        kit.post("/api/v1/tokens", "{\"name\":\"x\",\"role\":\"root\"}"), 400, "bad-request");
    assertProblem(
        kit.post("/api/v1/tokens", "{\"name\":\"bad name\",\"role\":\"viewer\"}"),
        400,
        "bad-request");
    assertProblem(kit.post("/api/v1/tokens", "{\"name\":\"x\"}"), 400, "bad-request");
  }

  @Test
  void anEventStreamEndsWhenItsTokenIsRevoked() throws Exception {
    String watcher = token("watcher", "viewer");
    BlockingQueue<String> lines = openStream("?types=session.*", null, watcher);
    createSession();
    assertThat(next(lines).type()).isEqualTo(ConsoleEvent.SESSION_CREATED);
    assertThat(kit.send(kit.request("/api/v1/tokens/watcher").DELETE().build()).statusCode())
        .isEqualTo(204);
    // events of the new session come after the revocation: the stream ends before sending them
    String second = createSession();
    String line;
    do {
      line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("the stream's end within 20 s").isNotNull();
      assertThat(line).doesNotContain(second);
    } while (!line.contains("no longer valid"));
  }
}
