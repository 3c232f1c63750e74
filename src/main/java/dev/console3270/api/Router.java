package dev.console3270.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes: method plus path template ({@code /api/v1/sessions/{id}/screen}), each with what the
 * OpenAPI description needs (operation id, summary, query parameters, body and response schemas).
 * The one table both dispatch and the description are made from.
 */
public final class Router {

  /** Runs one request. */
  @FunctionalInterface
  public interface Handler {
    /** The response (or an {@link ApiException}). */
    ApiResponse handle(ApiRequest request) throws Exception;
  }

  /**
   * A query parameter.
   *
   * @param name its name
   * @param type JSON schema type ({@code string}, {@code integer})
   * @param description what it does
   */
  public record Param(String name, String type, String description) {}

  /**
   * One route.
   *
   * @param method HTTP method
   * @param template path template, {@code {name}} for a parameter segment
   * @param operationId OpenAPI operation id
   * @param tag OpenAPI tag
   * @param summary one line
   * @param query query parameters
   * @param requestSchema schema name of the JSON body, or null for none
   * @param status success status
   * @param responseSchema schema name of the JSON response, or null for none
   * @param responseMedia media type of the response body (for non-JSON responses)
   * @param handler the handler
   */
  public record Route(
      String method,
      String template,
      String operationId,
      String tag,
      String summary,
      List<Param> query,
      String requestSchema,
      int status,
      String responseSchema,
      String responseMedia,
      Handler handler) {
    /** Validates. */
    public Route {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(operationId, "operationId");
      Objects.requireNonNull(handler, "handler");
      query = List.copyOf(query);
    }

    /** The names of the template's parameters, in order. */
    public List<String> pathParams() {
      List<String> names = new ArrayList<>();
      for (String s : segments(template)) {
        if (isParam(s)) {
          names.add(s.substring(1, s.length() - 1));
        }
      }
      return names;
    }
  }

  /** The outcome of matching a request. */
  sealed interface Match permits Found, WrongMethod, Missing {}

  /** A route matched, with the permission its caller needs. */
  record Found(Route route, Map<String, String> params, Permission permission) implements Match {}

  /** The path matched, the method did not. */
  record WrongMethod(Set<String> allowed) implements Match {}

  /** Nothing matched. */
  record Missing() implements Match {}

  private final List<Route> routes = new ArrayList<>();
  private final List<Route> external = new ArrayList<>();

  /** A route with its template split and its permission found once, for matching. */
  private record Compiled(Route route, String[] segments, Permission permission) {}

  /** What {@link #match} reads, without a lock: replaced whole on every {@link #add}. */
  private volatile List<Compiled> compiled = List.of();

  /** Adds a route; a (method, template) pair may be added once. */
  public synchronized void add(Route route) {
    for (Route r : routes) {
      if (r.method().equals(route.method()) && r.template().equals(route.template())) {
        throw new IllegalArgumentException(
            "route already registered: " + route.method() + " " + route.template());
      }
      if (r.operationId().equals(route.operationId())) {
        throw new IllegalArgumentException("duplicate operation id " + route.operationId());
      }
    }
    routes.add(route);
    List<Compiled> next = new ArrayList<>(compiled);
    next.add(
        new Compiled(
            route,
            segments(route.template()),
            Permission.required(route.method(), route.template())));
    compiled = List.copyOf(next);
  }

  /**
   * Adds an external route: one served by a handler of its own behind the same checks (such as the
   * x3270 REST interface), described in the OpenAPI description but never matched by {@link
   * #match}. Its handler is not called.
   */
  public synchronized void addExternal(Route route) {
    for (Route r : external) {
      if (r.method().equals(route.method()) && r.template().equals(route.template())) {
        throw new IllegalArgumentException(
            "route already registered: " + route.method() + " " + route.template());
      }
    }
    external.add(route);
  }

  /** The external routes (see {@link #addExternal}), in the order they were added. */
  public synchronized List<Route> externalRoutes() {
    return List.copyOf(external);
  }

  /** The routes, in the order they were added. */
  public synchronized List<Route> routes() {
    return List.copyOf(routes);
  }

  /**
   * Matches a raw (still percent-encoded) path.
   *
   * @throws ApiException 400 when a segment is not valid percent-encoding
   */
  Match match(String method, String rawPath) {
    String[] parts = segments(rawPath);
    Set<String> allowed = null;
    for (Compiled c : compiled) {
      Map<String, String> params = matchPath(c.segments(), parts);
      if (params == null) {
        continue;
      }
      Route r = c.route();
      if (r.method().equals(method)) {
        return new Found(r, params, c.permission());
      }
      if (allowed == null) {
        allowed = new TreeSet<>();
      }
      allowed.add(r.method());
    }
    return allowed == null ? new Missing() : new WrongMethod(allowed);
  }

  private static Map<String, String> matchPath(String[] template, String[] parts) {
    if (template.length != parts.length) {
      return null;
    }
    for (int i = 0; i < template.length; i++) {
      if (!isParam(template[i]) && !template[i].equals(parts[i])) {
        return null;
      }
    }
    Map<String, String> params = Map.of();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (isParam(t)) {
        String v = decode(parts[i]);
        if (v.isEmpty()) {
          return null;
        }
        if (params.isEmpty()) {
          params = new LinkedHashMap<>();
        }
        params.put(t.substring(1, t.length() - 1), v);
      }
    }
    return params;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid percent-encoding in the path");
    }
  }

  private static boolean isParam(String segment) {
    return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
  }

  private static String[] segments(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.split("/", -1);
  }
}
