package dev.console3270.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as a handler sees it: method, path, path parameters, query parameters, headers and
 * the body (already limited in size).
 */
public final class ApiRequest {
  private final String method;
  private final String path;
  private final Map<String, String> pathParams;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final ObjectMapper json;

  ApiRequest(
      String method,
      String path,
      Map<String, String> pathParams,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      byte[] body,
      ObjectMapper json) {
    this.method = method;
    this.path = path;
    this.pathParams = Map.copyOf(pathParams);
    this.query = query;
    this.headers = headers;
    this.body = body;
    this.json = json;
  }

  /** The method, upper case. */
  public String method() {
    return method;
  }

  /** The path, without the query. */
  public String path() {
    return path;
  }

  /** A path parameter of the route's template. */
  public String param(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalStateException("no path parameter " + name);
    }
    return v;
  }

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Every value of a query parameter, in order (empty when absent). */
  public List<String> queryValues(String name) {
    List<String> v = query.get(name);
    return v == null ? List.of() : List.copyOf(v);
  }

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** The media type of the body, lower case without parameters, or "" when none was given. */
  public String mediaType() {
    String ct = header("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** The raw body. */
  public byte[] body() {
    return body.clone();
  }

  /** True when the body is empty. */
  public boolean hasBody() {
    return body.length > 0;
  }

  /**
   * The body as UTF-8 text.
   *
   * @throws ApiException 400 when it is not valid UTF-8
   */
  public String text() {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("the body is not valid UTF-8");
    }
  }

  /**
   * The JSON body as a {@code type}.
   *
   * @throws ApiException 415 when the body is not JSON, 400 when it does not parse or fit
   */
  public <T> T json(Class<T> type) {
    String mt = mediaType();
    if (!mt.equals("application/json") && !mt.endsWith("+json")) {
      throw new ApiException(
          Problem.Kind.UNSUPPORTED_MEDIA_TYPE,
          "expected application/json, got " + (mt.isEmpty() ? "no Content-Type" : mt));
    }
    if (body.length == 0) {
      throw ApiException.badRequest("a JSON body is required");
    }
    T value;
    try {
      value = json.readValue(body, type);
    } catch (JacksonException e) {
      throw ApiException.badRequest("invalid JSON body: " + clean(e.getOriginalMessage()));
    } catch (java.io.IOException | RuntimeException e) {
      throw ApiException.badRequest("invalid JSON body: " + clean(e.getMessage()));
    }
    if (value == null) {
      throw ApiException.badRequest("a JSON object is required, got null");
    }
    return value;
  }

  private static String clean(String message) {
    if (message == null) {
      return "unreadable";
    }
    String m = message.replaceAll("\\s+", " ");
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }
}
