package dev.console3270.api;

import java.util.Locale;

/**
 * What a route needs of its caller. Each route's need follows from its path and method ({@link
 * #required}), so a new route is covered the day it is added; anything not named here needs {@link
 * #ADMIN} (closed by default).
 */
public enum Permission {
  /** Read sessions, screens, endpoints, the balancer, health, metrics and the event stream. */
  READ,
  /** Drive sessions: create, delete, suspend, resume, migrate, actions, the x3270 interface. */
  OPERATE,
  /** Read and verify the audit log, the compliance report and audit records in the stream. */
  AUDIT,
  /** Change endpoints and the balancer, manage webhooks and API tokens. */
  ADMIN;

  /**
   * The permission a route needs.
   *
   * @param method the HTTP method
   * @param template the route's path template (e.g. {@code /api/v1/sessions/{id}/screen}) or the
   *     x3270 path ({@code /3270/rest/...})
   */
  public static Permission required(String method, String template) {
    boolean read = method.toUpperCase(Locale.ROOT).equals("GET");
    String rest = template.startsWith("/api/v1/") ? template.substring(8) : template.substring(1);
    String first = rest.split("/", 2)[0];
    return switch (first) {
      case "health", "openapi.json", "metrics", "events" -> read ? READ : ADMIN;
      case "sessions" -> read ? READ : OPERATE;
      case "3270" -> OPERATE;
      case "endpoints", "balancer" -> read ? READ : ADMIN;
      case "audit", "compliance" -> AUDIT;
      default -> ADMIN; // webhooks, tokens, and whatever is added without a decision
    };
  }
}
