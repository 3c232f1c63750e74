package dev.console3270.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, media type, body (null for none) and extra headers.
 *
 * @param status HTTP status
 * @param contentType media type of the body, null without body
 * @param body the value to send as JSON, a {@code String} for text, or null
 * @param headers extra headers
 */
public record ApiResponse(
    int status, String contentType, Object body, Map<String, String> headers) {

  /** JSON media type. */
  public static final String JSON = "application/json";

  /** Copies the headers. */
  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  /** 200 with a JSON body. */
  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, JSON, body, Map.of());
  }

  /** 201 with a JSON body and a Location. */
  public static ApiResponse created(String location, Object body) {
    return new ApiResponse(201, JSON, body, Map.of("Location", location));
  }

  /** 204. */
  public static ApiResponse noContent() {
    return new ApiResponse(204, null, null, Map.of());
  }

  /** 200 with a text body of the given media type. */
  public static ApiResponse text(String mediaType, String text) {
    return new ApiResponse(200, mediaType, text, Map.of());
  }

  /** A copy with one more header. */
  public ApiResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiResponse(status, contentType, body, h);
  }

  /** A copy with another status and no body (such as 304). */
  public ApiResponse withoutBody(int newStatus) {
    return new ApiResponse(newStatus, null, null, headers);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
