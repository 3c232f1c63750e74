package dev.console3270.api;

import dev.console3270.api.Router.Param;
import dev.console3270.api.Router.Route;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.Health;
import dev.console3270.session.pool.PoolState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Registers every route of the API with its handler and documentation. */
final class Resources {
  private static final String V1 = "/api/v1";
  private static final List<Param> NONE = List.of();

  private final ApiServices services;
  private final Instant started;
  private final ApiServer server;
  private final SessionResources sessions;
  private final EndpointResources endpoints;

  Resources(ApiServices services, Instant started, ApiServer server) {
    this.services = services;
    this.started = started;
    this.server = server;
    this.sessions = new SessionResources(services);
    this.endpoints = new EndpointResources(services);
  }

  private static Route route(
      String method,
      String path,
      String op,
      String tag,
      String summary,
      List<Param> query,
      String request,
      int status,
      String response,
      Router.Handler h) {
    return new Route(method, path, op, tag, summary, query, request, status, response, null, h);
  }

  void register(Router r) {
    r.add(
        route(
            "GET",
            V1 + "/health",
            "getHealth",
            "console",
            "Health of the console",
            NONE,
            null,
            200,
            "Health",
            req -> health()));
    r.add(
        new Route(
            "GET",
            V1 + "/openapi.json",
            "getOpenApi",
            "console",
            "This API's OpenAPI 3.1 description",
            NONE,
            null,
            200,
            null,
            "application/json",
            req -> ApiResponse.ok(OpenApi.describe(r, services.version()))));
    r.add(
        new Route(
            "GET",
            "/metrics",
            "getMetrics",
            "console",
            "Metrics in Prometheus text format",
            NONE,
            null,
            200,
            null,
            "text/plain",
            req -> metrics()));
    // sessions
    r.add(
        route(
            "GET",
            V1 + "/sessions",
            "listSessions",
            "sessions",
            "List sessions",
            List.of(
                new Param("state", "string", "only sessions in this pool state"),
                new Param("endpoint", "string", "only sessions on this endpoint"),
                new Param("name", "string", "only sessions of this name"),
                new Param("limit", "integer", "page size, 1-500 (default 50)"),
                new Param("cursor", "string", "opaque cursor from nextCursor")),
            null,
            200,
            "SessionPage",
            sessions::list));
    r.add(
        route(
            "POST",
            V1 + "/sessions",
            "createSession",
            "sessions",
            "Open a session on an endpoint or a group's pick",
            NONE,
            "CreateSession",
            201,
            "Session",
            sessions::create));
    r.add(
        route(
            "GET",
            V1 + "/sessions/{id}",
            "getSession",
            "sessions",
            "One session",
            NONE,
            null,
            200,
            "Session",
            sessions::get));
    r.add(
        route(
            "DELETE",
            V1 + "/sessions/{id}",
            "closeSession",
            "sessions",
            "Close a session",
            NONE,
            null,
            204,
            null,
            sessions::delete));
    r.add(
        route(
            "POST",
            V1 + "/sessions/{id}/suspend",
            "suspendSession",
            "sessions",
            "Pause a session (input refused)",
            NONE,
            null,
            200,
            "Session",
            sessions::suspend));
    r.add(
        route(
            "POST",
            V1 + "/sessions/{id}/resume",
            "resumeSession",
            "sessions",
            "Resume a paused or idle session",
            NONE,
            null,
            200,
            "Session",
            sessions::resume));
    r.add(
        route(
            "POST",
            V1 + "/sessions/{id}/migrate",
            "migrateSession",
            "sessions",
            "Move a session to another endpoint, running a logon macro",
            NONE,
            "Migrate",
            200,
            "Session",
            sessions::migrate));
    r.add(
        route(
            "GET",
            V1 + "/sessions/{id}/screen",
            "getScreen",
            "screen",
            "The screen (JSON, or text/plain with format=text); ETag and If-None-Match",
            List.of(new Param("format", "string", "json (default) or text")),
            null,
            200,
            "Screen",
            sessions::screen));
    r.add(
        route(
            "POST",
            V1 + "/sessions/{id}/actions",
            "runActions",
            "screen",
            "Run actions (text/plain action language, or JSON), then an optional wait",
            NONE,
            "Actions",
            200,
            "ActionsResult",
            sessions::actions));
    // endpoints
    r.add(
        route(
            "GET",
            V1 + "/endpoints",
            "listEndpoints",
            "endpoints",
            "List endpoints",
            NONE,
            null,
            200,
            "EndpointList",
            endpoints::list));
    r.add(
        route(
            "POST",
            V1 + "/endpoints",
            "createEndpoint",
            "endpoints",
            "Add an endpoint",
            NONE,
            "EndpointBody",
            201,
            "Endpoint",
            endpoints::create));
    r.add(
        route(
            "GET",
            V1 + "/endpoints/{name}",
            "getEndpoint",
            "endpoints",
            "One endpoint",
            NONE,
            null,
            200,
            "Endpoint",
            endpoints::get));
    r.add(
        route(
            "PUT",
            V1 + "/endpoints/{name}",
            "updateEndpoint",
            "endpoints",
            "Replace an endpoint",
            NONE,
            "EndpointBody",
            200,
            "Endpoint",
            endpoints::put));
    r.add(
        route(
            "DELETE",
            V1 + "/endpoints/{name}",
            "deleteEndpoint",
            "endpoints",
            "Remove an endpoint",
            NONE,
            null,
            204,
            null,
            endpoints::delete));
    for (String what : List.of("drain", "disable", "enable")) {
      r.add(
          route(
              "POST",
              V1 + "/endpoints/{name}/" + what,
              what + "Endpoint",
              "endpoints",
              "Set the endpoint's admin state: " + what,
              NONE,
              null,
              200,
              "Endpoint",
              req -> endpoints.admin(req, what)));
    }
    r.add(
        route(
            "GET",
            V1 + "/endpoints/{name}/health",
            "getEndpointHealth",
            "endpoints",
            "Health check state of an endpoint",
            NONE,
            null,
            200,
            "EndpointHealth",
            endpoints::health));
    r.add(
        route(
            "GET",
            V1 + "/balancer",
            "getBalancer",
            "endpoints",
            "The balancing strategy",
            NONE,
            null,
            200,
            "Balancer",
            endpoints::balancer));
    r.add(
        route(
            "PUT",
            V1 + "/balancer",
            "setBalancer",
            "endpoints",
            "Change the balancing strategy",
            NONE,
            "Balancer",
            200,
            "Balancer",
            endpoints::setBalancer));
  }

  private ApiResponse health() {
    return ApiResponse.ok(
        new Bodies.Health(
            true,
            services.version(),
            services.pool().list().size(),
            Duration.between(started, Instant.now()).toSeconds()));
  }

  private ApiResponse metrics() {
    StringBuilder sb = new StringBuilder(2048);
    sb.append("# HELP console3270_sessions Sessions in the pool by state.\n");
    sb.append("# TYPE console3270_sessions gauge\n");
    Map<PoolState, Integer> stats = services.pool().stats();
    for (PoolState s : PoolState.values()) {
      sb.append("console3270_sessions{state=\"")
          .append(s.name().toLowerCase(java.util.Locale.ROOT))
          .append("\"} ")
          .append(stats.getOrDefault(s, 0))
          .append('\n');
    }
    List<EndpointView> eps = services.registry().list();
    sb.append("# HELP console3270_endpoint_up Endpoint health (1 up, 0 down).\n");
    sb.append("# TYPE console3270_endpoint_up gauge\n");
    for (EndpointView v : eps) {
      sb.append("console3270_endpoint_up{endpoint=\"")
          .append(label(v.name()))
          .append("\"} ")
          .append(v.health() == Health.UP ? 1 : 0)
          .append('\n');
    }
    sb.append("# HELP console3270_endpoint_latency_seconds Mean health check latency.\n");
    sb.append("# TYPE console3270_endpoint_latency_seconds gauge\n");
    for (EndpointView v : eps) {
      if (v.latency().known()) {
        sb.append("console3270_endpoint_latency_seconds{endpoint=\"")
            .append(label(v.name()))
            .append("\"} ")
            .append(v.latency().meanMicros() / 1e6)
            .append('\n');
      }
    }
    server.metrics().write(sb);
    return ApiResponse.text("text/plain; version=0.0.4", sb.toString());
  }

  private static String label(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
