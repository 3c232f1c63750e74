package dev.console3270.api;

import java.util.Objects;

/**
 * An RFC 9457 problem: the failure of a request, sent as {@code application/problem+json}.
 *
 * @param type a stable URI naming the kind of problem
 * @param title short summary of the kind
 * @param status HTTP status
 * @param detail what went wrong with this request
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {

  /** Base of every problem type URI. */
  public static final String BASE = "https://console3270.dev/problems/";

  /** Validates. */
  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    detail = detail == null ? "" : detail;
    instance = instance == null ? "" : instance;
  }

  /** The kinds of problem this API reports, each with its status and title. */
  public enum Kind {
    /** 400. */
    BAD_REQUEST(400, "bad-request", "Bad request"),
    /** 401. */
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    /** 403. */
    FORBIDDEN(403, "forbidden", "Forbidden"),
    /** 404. */
    NOT_FOUND(404, "not-found", "Not found"),
    /** 405. */
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    /** 406. */
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    /** 409. */
    CONFLICT(409, "conflict", "Conflict"),
    /** 413. */
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    /** 415. */
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    /** 429. */
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    /** 500. */
    INTERNAL(500, "internal-error", "Internal server error"),
    /** 502. */
    BAD_GATEWAY(502, "bad-gateway", "The host did not answer as expected"),
    /** 503. */
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    /** 504. */
    TIMEOUT(504, "timeout", "Timed out");

    private final int status;
    private final String slug;
    private final String title;

    Kind(int status, String slug, String title) {
      this.status = status;
      this.slug = slug;
      this.title = title;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }

    /** The type URI. */
    public String type() {
      return BASE + slug;
    }

    /** The title. */
    public String title() {
      return title;
    }

    /** A problem of this kind. */
    public Problem of(String detail, String instance) {
      return new Problem(type(), title, status, detail, instance);
    }
  }
}
