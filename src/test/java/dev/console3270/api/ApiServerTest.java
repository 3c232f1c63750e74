package dev.console3270.api;

import static dev.console3270.api.ApiTestKit.assertProblem;
import static dev.console3270.api.ApiTestKit.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditType;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.host.DemoHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ApiServerTest {
  @TempDir Path dir;
  private DemoHost host;
  private ApiTestKit kit;

  @BeforeEach
  void start() throws Exception {
    host = DemoHost.start(0, "ALPHA");
    kit = new ApiTestKit(dir, c -> c);
    kit.registry.add(Endpoint.of("alpha", "127.0.0.1", host.port()));
  }

  @AfterEach
  void stop() throws Exception {
    kit.close();
    host.close();
  }

  private String createSession() throws Exception {
    HttpResponse<String> r =
        kit.post("/api/v1/sessions", "{\"name\":\"t1\",\"endpoint\":\"alpha\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = json(r).get("id").asText();
    assertThat(r.headers().firstValue("Location")).contains("/api/v1/sessions/" + id);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> kit.pool.get(id).orElseThrow().state().name().equals("CONNECTED"));
    return id;
  }

  private JsonNode actions(String id, String body) throws Exception {
    HttpResponse<String> r = kit.post("/api/v1/sessions/" + id + "/actions", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  @Test
  void signsOnReadsTheScreenAndHonoursETags() throws Exception {
    String id = createSession();
    JsonNode first =
        actions(id, "{\"actions\":[],\"wait\":{\"condition\":\"InputField\",\"timeoutMs\":10000}}");
    assertThat(first.get("success").asBoolean()).as(first.toString()).isTrue();
    HttpResponse<String> signOnScreen = kit.get("/api/v1/sessions/" + id + "/screen?format=text");
    assertThat(signOnScreen.body()).contains("DEMO HOST SIGN-ON");
    assertThat(signOnScreen.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain");

    JsonNode result =
        actions(
            id,
            "{\"actions\":[\"String(\\\"DEMO\\\")\",\"Tab()\","
                + "{\"name\":\"String\",\"args\":[\"DEMO3270\"]},\"Enter()\"],"
                + "\"wait\":{\"condition\":\"Unlock\",\"timeoutMs\":10000}}");
    assertThat(result.get("success").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.get("status").asText()).startsWith("U ");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                kit.get("/api/v1/sessions/" + id + "/screen?format=text")
                    .body()
                    .contains("MAIN MENU"));

    HttpResponse<String> screen = kit.get("/api/v1/sessions/" + id + "/screen");
    assertThat(screen.statusCode()).isEqualTo(200);
    JsonNode s = json(screen);
    assertThat(s.get("rows").asInt()).isEqualTo(24);
    assertThat(s.get("cols").asInt()).isEqualTo(80);
    assertThat(s.get("text")).hasSize(24);
    assertThat(s.get("text").toString()).contains("MAIN MENU");
    assertThat(s.get("fields").size()).isPositive();
    assertThat(s.get("oia").get("locked").asBoolean()).isFalse();
    assertThat(s.get("cursor").get("row").asInt()).isBetween(0, 23);
    boolean sawInput = false;
    for (JsonNode f : s.get("fields")) {
      if (!f.get("protected").asBoolean()) {
        sawInput = true;
      }
      if (f.get("hidden").asBoolean()) {
        assertThat(f.get("content").isNull()).isTrue();
      }
    }
    assertThat(sawInput).isTrue();
    String etag = screen.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("\"").endsWith("\"").contains(id);
    HttpResponse<String> again =
        kit.send(
            kit.request("/api/v1/sessions/" + id + "/screen")
                .header("If-None-Match", etag)
                .build());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    HttpResponse<String> other =
        kit.send(
            kit.request("/api/v1/sessions/" + id + "/screen")
                .header("If-None-Match", "\"nope\"")
                .build());
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).isEqualTo(screen.body()); // the same screen, the same answer

    // the keyboard locks (typing into a protected field) with no change of screen or cursor:
    // the tag changes with the OIA
    actions(id, "{\"actions\":[\"MoveCursor(0,0)\"]}");
    HttpResponse<String> moved = kit.get("/api/v1/sessions/" + id + "/screen");
    String movedTag = moved.headers().firstValue("ETag").orElseThrow();
    JsonNode typed = actions(id, "{\"actions\":[\"String(\\\"x\\\")\"]}");
    assertThat(typed.get("success").asBoolean()).as(typed.toString()).isFalse();
    HttpResponse<String> locked =
        kit.send(
            kit.request("/api/v1/sessions/" + id + "/screen")
                .header("If-None-Match", movedTag)
                .build());
    assertThat(locked.statusCode()).isEqualTo(200);
    assertThat(json(locked).get("oia").get("locked").asBoolean()).isTrue();
    assertThat(json(moved).get("oia").get("locked").asBoolean()).isFalse();
    assertThat(json(locked).get("text")).isEqualTo(json(moved).get("text"));
    assertThat(json(locked).get("cursor")).isEqualTo(json(moved).get("cursor"));
    actions(id, "{\"actions\":[\"Reset()\"]}");

    // text/plain action language; a failing action is 200 with success=false
    HttpResponse<String> bad =
        kit.send(
            kit.request("/api/v1/sessions/" + id + "/actions")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("Home()\nNoSuchAction()\n"))
                .build());
    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(200);
    assertThat(json(bad).get("success").asBoolean()).isFalse();
    assertThat(json(bad).get("results").toString()).isNotEqualTo("[]");

    // the access was audited with method, path and status
    assertThat(kit.audited)
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(AuditType.API_ACCESS);
              assertThat(e.details())
                  .containsEntry("method", "GET")
                  .containsEntry("path", "/api/v1/sessions/" + id + "/screen")
                  .containsEntry("status", "304");
            });
  }

  @Test
  void suspendedSessionsRefuseActionsWithConflict() throws Exception {
    String id = createSession();
    HttpResponse<String> s = kit.post("/api/v1/sessions/" + id + "/suspend", "");
    assertThat(s.statusCode()).as(s.body()).isEqualTo(200);
    assertThat(json(s).get("state").asText()).isEqualTo("SUSPENDED");
    assertProblem(
        kit.post("/api/v1/sessions/" + id + "/actions", "{\"actions\":[\"Enter()\"]}"),
        409,
        "conflict");
    assertProblem(kit.post("/api/v1/sessions/" + id + "/suspend", ""), 409, "conflict");
    HttpResponse<String> r = kit.post("/api/v1/sessions/" + id + "/resume", "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).get("state").asText()).isEqualTo("CONNECTED");
    JsonNode ok = actions(id, "{\"actions\":[\"Wait(10,InputField)\"]}");
    assertThat(ok.get("success").asBoolean()).as(ok.toString()).isTrue();

    HttpResponse<String> list = kit.get("/api/v1/sessions?state=connected");
    assertThat(json(list).get("items")).hasSize(1);
    assertThat(kit.send(kit.request("/api/v1/sessions/" + id).DELETE().build()).statusCode())
        .isEqualTo(204);
    assertProblem(kit.get("/api/v1/sessions/" + id), 404, "not-found");
  }

  @Test
  void paginatesWithAnOpaqueCursor() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(
              kit.post("/api/v1/sessions", "{\"name\":\"p" + i + "\",\"group\":\"default\"}")
                  .statusCode())
          .isEqualTo(201);
    }
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      HttpResponse<String> r =
          kit.get("/api/v1/sessions?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode page = json(r);
      assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
      for (JsonNode s : page.get("items")) {
        assertThat(seen.add(s.get("id").asText())).isTrue();
      }
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(5);
    assertThat(pages).isEqualTo(3);
    assertProblem(kit.get("/api/v1/sessions?cursor=%25%25garbage"), 400, "bad-request");
    assertProblem(kit.get("/api/v1/sessions?limit=0"), 400, "bad-request");
    assertProblem(kit.get("/api/v1/sessions?limit=501"), 400, "bad-request");
    assertProblem(kit.get("/api/v1/sessions?state=SLEEPY"), 400, "bad-request");
  }

  @Test
  void refusesUnauthenticatedRequestsAndAuditsWithoutTheToken() throws Exception {
    HttpResponse<String> none =
        kit.send(java.net.http.HttpRequest.newBuilder(kit.uri("/api/v1/health")).build());
    assertProblem(none, 401, "unauthorized");
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    HttpResponse<String> wrong =
        kit.send(
            java.net.http.HttpRequest.newBuilder(kit.uri("/api/v1/health"))
                .header("Authorization", "Bearer not-the-token-but-a-secret-guess")
                .build());
    assertProblem(wrong, 401, "unauthorized");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                kit.audited.stream().filter(e -> e.type() == AuditType.API_AUTH_FAILURE).count()
                    == 2);
    for (AuditEvent e : kit.audited) {
      assertThat(e.details().toString())
          .doesNotContain("not-the-token")
          .doesNotContain(kit.server.token());
    }
    assertThat(kit.get("/api/v1/health").statusCode()).isEqualTo(200);
  }

  @Test
  void tokenIsOwnerOnlyReusedAndRotated() throws Exception {
    Path file = dir.resolve("api.token");
    assertThat(Files.readString(file).trim()).isEqualTo(kit.server.token());
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(kit.server.token()).matches("[A-Za-z0-9_-]{43}");
    ApiToken reloaded = ApiToken.load(file);
    assertThat(reloaded.value()).isEqualTo(kit.server.token());
    String old = kit.server.token();
    String fresh = kit.server.rotateToken();
    assertThat(fresh).isNotEqualTo(old);
    HttpResponse<String> withOld =
        kit.send(
            java.net.http.HttpRequest.newBuilder(kit.uri("/api/v1/health"))
                .header("Authorization", "Bearer " + old)
                .build());
    assertThat(withOld.statusCode()).isEqualTo(401);
    assertThat(kit.get("/api/v1/health").statusCode()).isEqualTo(200);
  }

  @Test
  void refusesForeignHostAndOrigin() throws Exception {
    // the JDK client sets Host itself; talk raw HTTP to send another one
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", kit.server.port())) {
      String req =
          "GET /api/v1/health HTTP/1.1\r\nHost: evil.example:"
              + kit.server.port()
              + "\r\nAuthorization: Bearer "
              + kit.server.token()
              + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer)
          .startsWith("HTTP/1.1 403")
          .contains("application/problem+json")
          .contains(Problem.BASE + "forbidden");
    }
    HttpResponse<String> origin =
        kit.send(kit.request("/api/v1/health").header("Origin", "http://evil.example").build());
    assertProblem(origin, 403, "forbidden");
  }

  @Test
  void limitsBodiesAndRejectsBadInputWith4xx() throws Exception {
    String id = createSession();
    // a declared Content-Length over the limit is refused before the body is read
    try (java.net.Socket sock = new java.net.Socket("127.0.0.1", kit.server.port())) {
      sock.setSoTimeout(10_000);
      String req =
          "POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1:"
              + kit.server.port()
              + "\r\nAuthorization: Bearer "
              + kit.server.token()
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + (ApiConfig.DEFAULT_MAX_BODY + 10)
              + "\r\nConnection: close\r\n\r\n{";
      sock.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      // the answer comes at once; the connection may stay open for the unread body
      StringBuilder answer = new StringBuilder();
      java.io.InputStream in = sock.getInputStream();
      byte[] buf = new byte[4096];
      while (!answer.toString().contains("payload-too-large") || !answer.toString().endsWith("}")) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        answer.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
      }
      assertThat(answer.toString())
          .startsWith("HTTP/1.1 413")
          .contains(Problem.BASE + "payload-too-large");
    }
    assertProblem(kit.post("/api/v1/sessions", "{\"name\":"), 400, "bad-request");
    assertProblem(
        kit.post("/api/v1/sessions", "{\"name\":42,\"endpoint\":\"alpha\"}"), 400, "bad-request");
    assertProblem(
        kit.post("/api/v1/sessions", "{\"name\":\"a\",\"endpoint\":\"alpha\",\"extra\":1}"),
        400,
        "bad-request");
    assertProblem(
        kit.post("/api/v1/sessions", "{\"name\":\"a\",\"endpoint\":\"nope\"}"), 400, "bad-request");
    assertProblem(
        kit.post("/api/v1/sessions", "{\"name\":\"a\",\"endpoint\":\"alpha\",\"group\":\"g\"}"),
        400,
        "bad-request");
    assertProblem(
        kit.post(
            "/api/v1/endpoints", "{\"name\":\"b\",\"host\":\"h\",\"port\":99999999999999999999}"),
        400,
        "bad-request");
    assertProblem(
        kit.post("/api/v1/endpoints", "{\"name\":\"b\",\"host\":\"h\",\"port\":70000}"),
        400,
        "bad-request");
    assertProblem(
        kit.post("/api/v1/endpoints", "{\"name\":\"b\",\"host\":\"h\",\"port\":\"23\"}"),
        400,
        "bad-request");
    assertProblem(
        kit.post("/api/v1/sessions/" + id + "/actions", "{\"actions\":\"Enter()\"}"),
        400,
        "bad-request");
    assertProblem(
        kit.post("/api/v1/sessions/" + id + "/actions", "{\"actions\":[{\"name\":\"Bogus\"}]}"),
        400,
        "bad-request");
    assertProblem(
        kit.post(
            "/api/v1/sessions/" + id + "/actions",
            "{\"actions\":[],\"wait\":{\"condition\":\"Never\"}}"),
        400,
        "bad-request");
    assertProblem(
        kit.post(
            "/api/v1/sessions/" + id + "/actions",
            "{\"actions\":[],\"wait\":{\"condition\":\"Unlock\",\"timeoutMs\":-1}}"),
        400,
        "bad-request");
    assertProblem(
        kit.send(
            kit.request("/api/v1/sessions")
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<a/>"))
                .build()),
        415,
        "unsupported-media-type");
    assertProblem(kit.get("/api/v1/sessions/NOPE0000"), 404, "not-found");
    assertProblem(kit.get("/api/v1/sessions/%C3%A9%2F.."), 404, "not-found");
    assertProblem(kit.get("/api/v1/nothing"), 404, "not-found");
    HttpResponse<String> method = kit.send(kit.request("/api/v1/health").DELETE().build());
    assertProblem(method, 405, "method-not-allowed");
    assertThat(method.headers().firstValue("Allow")).contains("GET");
    assertProblem(kit.put("/api/v1/balancer", "{\"strategy\":\"RANDOMLY\"}"), 400, "bad-request");
  }

  @Test
  void managesEndpointsAndTheBalancer() throws Exception {
    HttpResponse<String> c =
        kit.post(
            "/api/v1/endpoints",
            "{\"name\":\"bravo\",\"host\":\"127.0.0.1\",\"port\":"
                + host.port()
                + ",\"weight\":3,\"group\":\"g2\"}");
    assertThat(c.statusCode()).as(c.body()).isEqualTo(201);
    assertProblem(
        kit.post("/api/v1/endpoints", "{\"name\":\"bravo\",\"host\":\"x\",\"port\":1}"),
        409,
        "conflict");
    assertThat(json(kit.get("/api/v1/endpoints")).get("items")).hasSize(2);
    assertThat(json(kit.post("/api/v1/endpoints/bravo/drain", "")).get("adminState").asText())
        .isEqualTo("DRAINING");
    assertThat(json(kit.post("/api/v1/endpoints/bravo/enable", "")).get("adminState").asText())
        .isEqualTo("ENABLED");
    HttpResponse<String> p =
        kit.put(
            "/api/v1/endpoints/bravo",
            "{\"host\":\"127.0.0.1\",\"port\":" + host.port() + ",\"weight\":5}");
    assertThat(p.statusCode()).as(p.body()).isEqualTo(200);
    assertThat(json(p).get("weight").asInt()).isEqualTo(5);
    JsonNode h = json(kit.get("/api/v1/endpoints/bravo/health"));
    assertThat(h.get("rise").asInt()).isPositive();
    assertThat(
            json(kit.put("/api/v1/balancer", "{\"strategy\":\"least_sessions\"}"))
                .get("strategy")
                .asText())
        .isEqualTo("LEAST_SESSIONS");
    assertThat(json(kit.get("/api/v1/balancer")).get("strategy").asText())
        .isEqualTo("LEAST_SESSIONS");
    assertThat(kit.send(kit.request("/api/v1/endpoints/bravo").DELETE().build()).statusCode())
        .isEqualTo(204);
    assertProblem(kit.get("/api/v1/endpoints/bravo"), 404, "not-found");

    HttpResponse<String> metrics = kit.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("console3270_sessions{state=\"connected\"}")
        .contains("console3270_endpoint_up{endpoint=\"alpha\"}")
        .contains("console3270_api_request_duration_seconds_bucket{le=\"+Inf\"}")
        .contains("console3270_api_request_duration_seconds_bucket{le=\"0.00025\"}")
        .contains("console3270_api_request_duration_seconds_bucket{le=\"0.001\"}")
        .doesNotContain("E-")
        .contains("console3270_api_requests_total{code=\"2xx\"}");
    JsonNode health = json(kit.get("/api/v1/health"));
    assertThat(health.get("ok").asBoolean()).isTrue();
    assertThat(health.get("version").asText()).isEqualTo("test-version");
  }

  @Test
  void openApiDescribesExactlyTheServedRoutes() throws Exception {
    HttpResponse<String> r = kit.get("/api/v1/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = json(r);
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    Set<String> described = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").properties().iterator();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      p.getValue()
          .fieldNames()
          .forEachRemaining(m -> described.add(m.toUpperCase() + " " + p.getKey()));
    }
    Set<String> served = new HashSet<>();
    for (Router.Route route : kit.server.router().routes()) {
      served.add(route.method() + " " + route.template());
    }
    // external routes (own handlers behind the same checks) are listed in one place: the router
    Set<String> external = new HashSet<>();
    for (Router.Route route : kit.server.router().externalRoutes()) {
      external.add(route.method() + " " + route.template());
    }
    assertThat(external)
        .containsExactlyInAnyOrder("GET /3270/rest/{form}/{actions}", "POST /3270/rest/post");
    assertThat(served).doesNotContainAnyElementsOf(external);
    Set<String> all = new HashSet<>(served);
    all.addAll(external);
    assertThat(described).isEqualTo(all);
    assertThat(served)
        .contains(
            "GET /api/v1/sessions/{id}/screen",
            "POST /api/v1/sessions/{id}/actions",
            "GET /metrics");
    // every $ref resolves to a hand-written schema
    JsonNode schemas = doc.get("components").get("schemas");
    for (String ref : refs(doc, new HashSet<>())) {
      assertThat(schemas.has(ref.substring("#/components/schemas/".length()))).as(ref).isTrue();
    }
    // and every served route answers something other than 404/405 for its method
    List<Router.Route> routes = new ArrayList<>(kit.server.router().routes());
    routes.addAll(kit.server.router().externalRoutes());
    for (Router.Route route : routes) {
      String path =
          route
              .template()
              .replace("{id}", "NOSUCHID")
              .replace("{name}", "nosuch")
              .replace("{deliveryId}", "NOSUCH")
              .replace("{form}", "json")
              .replace("{actions}", "Query()");
      HttpResponse<String> resp =
          kit.send(
              kit.request(path)
                  .method(route.method(), HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(resp.statusCode())
          .as(route.method() + " " + path)
          .isNotEqualTo(405)
          .isLessThan(500);
    }
  }

  private static Set<String> refs(JsonNode n, Set<String> out) {
    if (n.isObject()) {
      n.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  out.add(e.getValue().asText());
                } else {
                  refs(e.getValue(), out);
                }
              });
    } else if (n.isArray()) {
      n.forEach(x -> refs(x, out));
    }
    return out;
  }
}
