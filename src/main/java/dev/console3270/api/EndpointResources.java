package dev.console3270.api;

import dev.console3270.api.Bodies.EndpointBody;
import dev.console3270.api.Bodies.EndpointHealth;
import dev.console3270.api.Bodies.EndpointInfo;
import dev.console3270.endpoint.Endpoint;
import dev.console3270.endpoint.EndpointRegistry;
import dev.console3270.endpoint.EndpointView;
import dev.console3270.endpoint.Strategy;
import dev.console3270.session.TlsMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Endpoints, their health, and the balancer. */
final class EndpointResources {
  private final ApiServices services;

  EndpointResources(ApiServices services) {
    this.services = services;
  }

  private EndpointRegistry registry() {
    return services.registry();
  }

  static EndpointInfo info(EndpointView v) {
    Endpoint e = v.endpoint();
    return new EndpointInfo(
        e.name(),
        e.host(),
        e.port(),
        e.tlsMode().name(),
        e.weight(),
        e.maxSessions(),
        e.group(),
        e.tags().stream().sorted().toList(),
        v.adminState().name(),
        v.health().name(),
        v.activeSessions());
  }

  private EndpointView view(ApiRequest req) {
    String name = req.param("name");
    return registry()
        .get(name)
        .orElseThrow(() -> ApiException.notFound("no endpoint named '" + name + "'"));
  }

  ApiResponse list(ApiRequest req) {
    List<EndpointInfo> items = new ArrayList<>();
    for (EndpointView v : registry().list()) {
      items.add(info(v));
    }
    return ApiResponse.ok(new Bodies.Items<>(items));
  }

  ApiResponse get(ApiRequest req) {
    return ApiResponse.ok(info(view(req)));
  }

  ApiResponse create(ApiRequest req) {
    Endpoint e = endpoint(req.json(EndpointBody.class), null);
    if (registry().get(e.name()).isPresent()) {
      throw ApiException.conflict("endpoint '" + e.name() + "' already exists");
    }
    try {
      registry().add(e);
    } catch (IllegalArgumentException x) {
      throw ApiException.conflict(x.getMessage());
    }
    EndpointView v = registry().get(e.name()).orElseThrow();
    return ApiResponse.created("/api/v1/endpoints/" + e.name(), info(v));
  }

  ApiResponse put(ApiRequest req) {
    EndpointView old = view(req);
    Endpoint e = endpoint(req.json(EndpointBody.class), old.name());
    try {
      registry().update(e);
    } catch (IllegalArgumentException x) {
      throw ApiException.notFound(x.getMessage());
    }
    return ApiResponse.ok(info(registry().get(e.name()).orElseThrow()));
  }

  ApiResponse delete(ApiRequest req) {
    EndpointView v = view(req);
    try {
      registry().remove(v.name());
    } catch (IllegalArgumentException x) {
      throw ApiException.notFound(x.getMessage());
    }
    return ApiResponse.noContent();
  }

  ApiResponse admin(ApiRequest req, String what) {
    EndpointView v = view(req);
    try {
      switch (what) {
        case "drain" -> registry().drain(v.name());
        case "disable" -> registry().disable(v.name());
        default -> registry().enable(v.name());
      }
    } catch (IllegalArgumentException x) {
      throw ApiException.notFound(x.getMessage());
    }
    return ApiResponse.ok(info(registry().get(v.name()).orElseThrow()));
  }

  ApiResponse health(ApiRequest req) {
    EndpointView v = view(req);
    return ApiResponse.ok(
        new EndpointHealth(
            v.name(),
            v.health().name(),
            v.healthCounter(),
            v.rise(),
            v.fall(),
            v.lastResult() == null ? null : v.lastResult().name(),
            v.lastDetail(),
            v.ejected(),
            v.consecutivePassiveFailures(),
            v.latency().samples(),
            v.latency().meanMicros(),
            v.latency().p95Micros()));
  }

  ApiResponse balancer(ApiRequest req) {
    return ApiResponse.ok(new Bodies.BalancerInfo(services.balancer().strategy().name()));
  }

  ApiResponse setBalancer(ApiRequest req) {
    Bodies.BalancerInfo b = req.json(Bodies.BalancerInfo.class);
    if (b.strategy() == null) {
      throw ApiException.badRequest("strategy is required");
    }
    Strategy s;
    try {
      s = Strategy.valueOf(b.strategy().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "unknown strategy '" + b.strategy() + "'; one of " + List.of(Strategy.values()));
    }
    services.balancer().setStrategy(s);
    return ApiResponse.ok(new Bodies.BalancerInfo(s.name()));
  }

  private static Endpoint endpoint(EndpointBody b, String pathName) {
    String name = b.name() == null ? pathName : b.name();
    if (pathName != null && !pathName.equals(name)) {
      throw ApiException.badRequest("the body's name differs from the path's");
    }
    if (name == null || name.length() > 100 || !name.matches("[A-Za-z0-9._-]+")) {
      throw ApiException.badRequest("name is required: letters, digits, '.', '_', '-' (1-100)");
    }
    if (b.host() == null || b.port() == null) {
      throw ApiException.badRequest("host and port are required");
    }
    TlsMode tls;
    try {
      tls =
          b.tlsMode() == null
              ? TlsMode.NONE
              : TlsMode.valueOf(b.tlsMode().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("tlsMode must be one of " + List.of(TlsMode.values()));
    }
    try {
      return new Endpoint(
          name,
          b.host(),
          b.port(),
          tls,
          b.weight() == null ? 1 : b.weight(),
          b.maxSessions() == null ? 0 : b.maxSessions(),
          b.group(),
          b.tags() == null ? null : new LinkedHashSet<>(b.tags()));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
