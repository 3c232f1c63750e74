package dev.console3270.api;

import java.util.Map;
import java.util.Objects;

/** Thrown by handlers to answer with a problem (never a stack trace). */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Problem.Kind kind;
  private final transient Map<String, String> headers;

  /** A problem of {@code kind} with this detail. */
  public ApiException(Problem.Kind kind, String detail) {
    this(kind, detail, Map.of());
  }

  /** A problem with extra response headers (such as Retry-After or Allow). */
  public ApiException(Problem.Kind kind, String detail, Map<String, String> headers) {
    super(detail, null, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.headers = Map.copyOf(headers);
  }

  /** The kind of problem. */
  public Problem.Kind kind() {
    return kind;
  }

  /** Extra headers for the response. */
  public Map<String, String> headers() {
    return headers;
  }

  /** 400. */
  public static ApiException badRequest(String detail) {
    return new ApiException(Problem.Kind.BAD_REQUEST, detail);
  }

  /** 404. */
  public static ApiException notFound(String detail) {
    return new ApiException(Problem.Kind.NOT_FOUND, detail);
  }

  /** 409. */
  public static ApiException conflict(String detail) {
    return new ApiException(Problem.Kind.CONFLICT, detail);
  }
}
