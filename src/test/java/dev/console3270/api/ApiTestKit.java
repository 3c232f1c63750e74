package dev.console3270.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.console3270.audit.AuditConfig;
import dev.console3270.audit.AuditEvent;
import dev.console3270.audit.AuditLog;
import dev.console3270.audit.AuditTrail;
import dev.console3270.endpoint.Balancer;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.session.SessionEngine;
import dev.console3270.session.pool.PoolConfig;
import dev.console3270.session.pool.SessionPool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A started API server over a real pool, registry and audit log, and an HTTP client for it. */
final class ApiTestKit implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final SessionEngine engine = new SessionEngine(1, "apitest");
  final SessionPool pool = new SessionPool(engine, PoolConfig.defaults());
  final EndpointRegistry registry = new EndpointRegistry();
  final Balancer balancer = new Balancer(registry);
  final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
  final AuditLog log;
  final ApiServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiTestKit(Path dir, java.util.function.UnaryOperator<ApiConfig> tweak) throws IOException {
    this(dir, tweak, List.of(), s -> s);
  }

  /** A kit whose audit log also feeds {@code listeners} and whose services {@code more} extends. */
  ApiTestKit(
      Path dir,
      java.util.function.UnaryOperator<ApiConfig> tweak,
      List<AuditLog.Listener> listeners,
      java.util.function.UnaryOperator<ApiServices> more)
      throws IOException {
    List<AuditLog.Listener> all = new java.util.ArrayList<>(listeners);
    all.add(audited::add);
    log = AuditLog.open(AuditConfig.defaults(dir.resolve("audit"), dir.resolve("audit.key")), all);
    ApiConfig config = tweak.apply(ApiConfig.defaults(0, dir.resolve("api.token")));
    server =
        new ApiServer(
            config,
            more.apply(
                new ApiServices(
                    pool, registry, balancer, AuditTrail.forProcess(log), null, "test-version")));
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + server.token());
  }

  HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  /** Asserts a problem+json response of this status and type slug. */
  static JsonNode assertProblem(HttpResponse<String> r, int status, String slug)
      throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode p = json(r);
    assertThat(p.get("type").asText()).isEqualTo(Problem.BASE + slug);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.has("detail")).isTrue();
    assertThat(p.get("instance").asText()).startsWith("/");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    return p;
  }

  @Override
  public void close() throws IOException {
    server.stop();
    pool.close();
    engine.close();
    log.close();
  }
}
