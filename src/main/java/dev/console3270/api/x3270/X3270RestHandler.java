package dev.console3270.api.x3270;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.console3270.session.ActionCall;
import dev.console3270.session.ActionInterpreter;
import dev.console3270.session.ActionParser;
import dev.console3270.session.ActionResult;
import dev.console3270.session.ScriptableSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * x3270's HTTP scripting interface on Console3270 sessions, mounted at {@code /3270/rest/}:
 *
 * <ul>
 *   <li>{@code GET /3270/rest/json/<actions>}: {@code {"result":[lines],"status":"<status>"}};
 *   <li>{@code GET /3270/rest/text/<actions>}: the result lines, each ended by CR LF;
 *   <li>{@code GET /3270/rest/stext/<actions>}: the status line, then the result lines;
 *   <li>{@code POST /3270/rest/post}: the actions in the body; {@code text/plain} answers as {@code
 *       stext}, {@code application/json} (a string of actions, an object {@code
 *       {"action":"Name","args":[...]}} or an array of either) answers {@code
 *       {"result":[...],"success":bool,"status":"..."}}.
 * </ul>
 *
 * <p>The actions are percent-decoded from the path ({@code +} stays a plus, as in s3270) and run by
 * an {@link ActionInterpreter}, so results and the 12-field status line are s3270's. A failed
 * action answers 400 with the output so far and the error text (as s3270 4.1: json {@code
 * {"result":[...]}} plus our {@code status}; text and stext: the lines alone). The session is the
 * one named by query parameter {@code session} or header {@code X-Console3270-Session}, else the
 * default one; an unknown one answers 404. Requests on one session run one at a time, each with a
 * fresh interpreter (as each s3270 HTTP request is its own script: {@code Wait(Output)} is
 * satisfied by any output the session had before).
 *
 * <p>{@code POST} with {@code text/plain} answers the status line first, then the lines, on success
 * (200) and failure (400) alike, as x3270 4.2 and later; s3270 4.1 has no POST.
 *
 * <p>The handler blocks its thread while actions run and wait: mount it on an {@code HttpServer}
 * with a multi-threaded executor, or every session waits for the slowest request.
 *
 * <p>{@code Quit()} does not end the session (it is shared with the console); it succeeds and does
 * nothing more.
 */
public final class X3270RestHandler implements HttpHandler {

  /** The query parameter that names the session. */
  public static final String SESSION_PARAMETER = "session";

  /** The request header that names the session (the query parameter wins). */
  public static final String SESSION_HEADER = "X-Console3270-Session";

  /** Where x3270 serves its REST interface. */
  public static final String PREFIX = "/3270/rest";

  /** How long an AID action waits for the host to unlock the keyboard, by default. */
  public static final Duration DEFAULT_AID_TIMEOUT = Duration.ofSeconds(60);

  /** The largest POST body accepted. */
  static final int MAX_BODY = 1 << 20;

  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final String TEXT_TYPE = "text/plain; charset=utf-8";
  private static final String CRLF = "\r\n";

  /** The reply shapes. */
  private enum Form {
    JSON,
    TEXT,
    STEXT,
    POST_TEXT,
    POST_JSON
  }

  /** A reply: HTTP status, content type, body. */
  private record Reply(int code, String contentType, String body) {}

  private final SessionResolver resolver;
  private final Duration aidTimeout;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<ScriptableSession, Object> locks =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** A handler with the default AID timeout. */
  public X3270RestHandler(SessionResolver resolver) {
    this(resolver, DEFAULT_AID_TIMEOUT);
  }

  /**
   * A handler.
   *
   * @param resolver finds the session a request names
   * @param aidTimeout how long Enter, PF and the other AID actions wait for the keyboard to unlock
   *     (null: forever, as s3270)
   */
  public X3270RestHandler(SessionResolver resolver, Duration aidTimeout) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.aidTimeout = aidTimeout;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      try {
        reply = route(exchange);
      } catch (RuntimeException e) {
        reply = new Reply(500, TEXT_TYPE, "Processing error: " + e + CRLF);
      }
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
      if (head || body.length == 0) {
        exchange.sendResponseHeaders(reply.code(), -1);
      } else {
        exchange.sendResponseHeaders(reply.code(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private Reply route(HttpExchange exchange) throws IOException {
    String raw = exchange.getRequestURI().getRawPath();
    String rel;
    if (raw.equals(PREFIX) || raw.startsWith(PREFIX + "/")) {
      rel = raw.substring(PREFIX.length());
    } else {
      String ctx = exchange.getHttpContext().getPath();
      rel = raw.startsWith(ctx) ? raw.substring(ctx.length()) : raw;
    }
    if (rel.startsWith("/")) {
      rel = rel.substring(1);
    }
    int slash = rel.indexOf('/');
    String formName = slash < 0 ? rel : rel.substring(0, slash);
    String encoded = slash < 0 ? "" : rel.substring(slash + 1);
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    if (!List.of("json", "text", "stext", "post").contains(formName)) {
      return new Reply(404, TEXT_TYPE, "Not found: " + raw + CRLF);
    }
    Form form =
        switch (formName) {
          case "json" -> Form.JSON;
          case "text" -> Form.TEXT;
          case "stext" -> Form.STEXT;
          default -> null;
        };
    if (form == null) {
      if (slash >= 0 && !encoded.isEmpty()) {
        return new Reply(404, TEXT_TYPE, "Not found: " + raw + CRLF);
      }
      if (!method.equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        return new Reply(405, TEXT_TYPE, "Method not allowed: use POST." + CRLF);
      }
      return post(exchange);
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      return new Reply(405, TEXT_TYPE, "Method not allowed: use GET." + CRLF);
    }
    String actions;
    try {
      actions = percentDecode(encoded);
    } catch (IllegalArgumentException e) {
      return requestError(form, e.getMessage());
    }
    if (actions.isEmpty()) {
      return requestError(form, "Missing 3270 action.");
    }
    if (hasControl(actions)) {
      return requestError(form, "Invalid 3270 action.");
    }
    ScriptableSession session = resolve(exchange);
    if (session == null) {
      return requestError(form, sessionMissing(exchange), 404);
    }
    return reply(form, run(session, interpreter -> interpreter.execute(actions)));
  }

  private Reply post(HttpExchange exchange) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    Form form =
        switch (media) {
          case "text/plain" -> Form.POST_TEXT;
          case "application/json" -> Form.POST_JSON;
          default -> null;
        };
    if (form == null) {
      return new Reply(
          415,
          TEXT_TYPE,
          "Unsupported media type"
              + (type == null ? "" : " " + type)
              + ": use text/plain or application/json."
              + CRLF);
    }
    byte[] bytes = readBody(exchange.getRequestBody());
    if (bytes == null) {
      return requestError(form, "Request body larger than " + MAX_BODY + " bytes.", 413);
    }
    String body;
    try {
      body = utf8(bytes);
    } catch (IllegalArgumentException e) {
      return requestError(form, "Request body is not UTF-8.");
    }
    if (body.isBlank()) {
      return new Reply(200, form == Form.POST_JSON ? JSON_TYPE : TEXT_TYPE, "");
    }
    ScriptableSession session = resolve(exchange);
    if (form == Form.POST_TEXT) {
      String line = body.strip().replace("\r\n", " ").replace('\n', ' ');
      if (hasControl(line)) {
        return requestError(form, "Invalid 3270 action.");
      }
      if (session == null) {
        return requestError(form, sessionMissing(exchange), 404);
      }
      return reply(form, run(session, interpreter -> interpreter.execute(line)));
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      return requestError(form, "Invalid JSON: " + e.getOriginalMessage());
    }
    if (node != null && node.isTextual()) {
      String line = node.textValue();
      if (hasControl(line)) {
        return requestError(form, "Invalid 3270 action.");
      }
      if (session == null) {
        return requestError(form, sessionMissing(exchange), 404);
      }
      return reply(form, run(session, interpreter -> interpreter.execute(line)));
    }
    List<ActionCall> calls;
    try {
      calls = jsonCalls(node);
    } catch (IllegalArgumentException e) {
      return requestError(form, e.getMessage());
    }
    if (session == null) {
      return requestError(form, sessionMissing(exchange), 404);
    }
    return reply(form, run(session, interpreter -> interpreter.execute(calls)));
  }

  /** The calls of a JSON object, or of an array of objects and strings. */
  private static List<ActionCall> jsonCalls(JsonNode node) {
    List<ActionCall> calls = new ArrayList<>();
    if (node != null && node.isObject()) {
      calls.add(jsonCall(node));
    } else if (node != null && node.isArray()) {
      for (JsonNode element : node) {
        if (element.isTextual()) {
          ActionParser.Parsed parsed = ActionParser.parse(element.textValue());
          if (!parsed.ok()) {
            throw new IllegalArgumentException(parsed.error());
          }
          calls.addAll(parsed.calls());
        } else if (element.isObject()) {
          calls.add(jsonCall(element));
        } else {
          throw new IllegalArgumentException(
              "Each array element must be a string of actions or an object with \"action\".");
        }
      }
    } else {
      throw new IllegalArgumentException(
          "The body must be a string of actions, an object {\"action\":...,\"args\":[...]}"
              + " or an array of them.");
    }
    return calls;
  }

  private static ActionCall jsonCall(JsonNode node) {
    JsonNode name = node.get("action");
    if (name == null || !name.isTextual() || name.textValue().isBlank()) {
      throw new IllegalArgumentException("Missing or invalid \"action\" (a string).");
    }
    List<String> args = new ArrayList<>();
    JsonNode a = node.get("args");
    if (a != null && !a.isNull()) {
      if (!a.isArray()) {
        throw new IllegalArgumentException("\"args\" must be an array.");
      }
      for (JsonNode arg : a) {
        if (!arg.isValueNode() || arg.isNull()) {
          throw new IllegalArgumentException("Each of \"args\" must be a string or a number.");
        }
        args.add(arg.asText());
      }
    }
    return new ActionCall(name.textValue(), args);
  }

  private ScriptableSession resolve(HttpExchange exchange) {
    return resolver.resolve(sessionId(exchange));
  }

  private static String sessionMissing(HttpExchange exchange) {
    String id = sessionId(exchange);
    return id == null ? "No active session." : "No such session: " + id;
  }

  /** The session id of a request: query parameter first, then header; null when neither. */
  static String sessionId(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        if (key.equals(SESSION_PARAMETER) && eq >= 0) {
          try {
            String value = percentDecode(pair.substring(eq + 1).replace('+', ' '));
            if (!value.isEmpty()) {
              return value;
            }
          } catch (IllegalArgumentException e) {
            // a malformed id names no session
            return pair.substring(eq + 1);
          }
        }
      }
    }
    String header = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
    return header == null || header.isBlank() ? null : header.strip();
  }

  /** Runs on the session, one request at a time per session. */
  private ActionResult run(ScriptableSession session, Function<ActionInterpreter, ActionResult> f) {
    Object lock = locks.computeIfAbsent(session, s -> new Object());
    synchronized (lock) {
      ActionInterpreter interpreter = new ActionInterpreter(session);
      try {
        interpreter.setAidTimeout(aidTimeout);
        return f.apply(interpreter);
      } finally {
        interpreter.close();
      }
    }
  }

  private Reply reply(Form form, ActionResult r) {
    int code = r.success() ? 200 : 400;
    return switch (form) {
      case JSON -> {
        ObjectNode o = json.createObjectNode();
        lines(o.putArray("result"), r.data());
        o.put("status", r.status());
        yield new Reply(code, JSON_TYPE, o + "\n");
      }
      case POST_JSON -> {
        ObjectNode o = json.createObjectNode();
        lines(o.putArray("result"), r.data());
        o.put("success", r.success());
        o.put("status", r.status());
        yield new Reply(code, JSON_TYPE, o + "\n");
      }
      case TEXT -> new Reply(code, TEXT_TYPE, crlfLines(r.data()));
      case STEXT ->
          new Reply(
              code,
              TEXT_TYPE,
              r.success() ? r.status() + CRLF + crlfLines(r.data()) : crlfLines(r.data()));
      case POST_TEXT -> new Reply(code, TEXT_TYPE, r.status() + CRLF + crlfLines(r.data()));
    };
  }

  private static void lines(ArrayNode array, List<String> lines) {
    lines.forEach(array::add);
  }

  private Reply requestError(Form form, String message) {
    return requestError(form, message, 400);
  }

  private Reply requestError(Form form, String message, int code) {
    if (form == Form.JSON || form == Form.POST_JSON) {
      ObjectNode o = json.createObjectNode();
      o.putArray("result").add(message);
      if (form == Form.POST_JSON) {
        o.put("success", false);
      }
      return new Reply(code, JSON_TYPE, o + "\n");
    }
    return new Reply(code, TEXT_TYPE, message + CRLF);
  }

  private static String crlfLines(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      sb.append(line).append(CRLF);
    }
    return sb.toString();
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8; {@code +} stays as it is.
   *
   * @throws IllegalArgumentException for a malformed escape or bytes that are not UTF-8
   */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()
            || Character.digit(s.charAt(i + 1), 16) < 0
            || Character.digit(s.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException("Invalid URL encoding at column " + (i + 1) + ".");
        }
        out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
        i += 2;
      } else {
        int end = s.indexOf('%', i);
        if (end < 0) {
          end = s.length();
        }
        byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i = end - 1;
      }
    }
    try {
      return utf8(out.toByteArray());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid URL encoding: not UTF-8.", e);
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8", e);
    }
  }

  /** The body, or null when it is larger than {@link #MAX_BODY}. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    return bytes.length > MAX_BODY ? null : bytes;
  }
}
