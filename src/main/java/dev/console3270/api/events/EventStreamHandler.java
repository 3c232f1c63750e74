package dev.console3270.api.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Serves an {@link EventHub} as {@code text/event-stream} (GET only). The stream honours the {@code
 * Last-Event-ID} header (or a {@code lastEventId} query parameter) by replaying what the client
 * missed, filters by the {@code types} query parameter (comma-separated {@link TypePattern}s) on
 * top of the caller's filter, and writes a comment every heartbeat interval. It ends when the
 * client goes away, the subscriber is dropped for being slow (after a {@code stream.dropped} event)
 * or the hub closes.
 *
 * <p>Each open stream holds one thread of the server's executor for its whole life: give the server
 * an executor with enough threads. Authentication is the caller's job (the router calls {@link
 * #handle} after it).
 */
public final class EventStreamHandler implements HttpHandler {
  /** Default time between heartbeat comments. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  /** Reconnection delay suggested to clients, in milliseconds. */
  public static final long RETRY_MILLIS = 3000;

  private final EventHub hub;
  private final Function<HttpExchange, EventFilter> filter;
  private final Duration heartbeat;
  private final int queueSize;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * The exchange attribute (a {@link java.util.function.BooleanSupplier}) that says whether the
   * request's credentials still hold, asked before every event and heartbeat: a stream whose
   * credentials stop holding (a rotated or revoked token) ends before it sends anything more.
   * Absent: the stream never ends so.
   */
  public static final String STILL_VALID = "console3270.stillValid";

  /** A handler showing every caller what {@code filter} allows, heartbeat every 15 s. */
  public EventStreamHandler(EventHub hub, EventFilter filter) {
    this(hub, x -> filter, DEFAULT_HEARTBEAT, EventHub.DEFAULT_QUEUE);
  }

  /**
   * A handler.
   *
   * @param filter gives the filter for a request's caller (its rights); called once per request
   * @param heartbeat time between heartbeat comments
   * @param queueSize live events a client may have waiting before it is dropped
   */
  public EventStreamHandler(
      EventHub hub, Function<HttpExchange, EventFilter> filter, Duration heartbeat, int queueSize) {
    this.hub = hub;
    this.filter = filter;
    this.heartbeat = heartbeat;
    this.queueSize = queueSize;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        plain(exchange, 405, "only GET is allowed on an event stream");
        return;
      }
      EventFilter f;
      long lastId;
      try {
        String query = exchange.getRequestURI().getRawQuery();
        f = filter.apply(exchange).and(EventFilter.types(param(query, "types")));
        lastId = lastEventId(exchange, query);
      } catch (IllegalArgumentException e) {
        plain(exchange, 400, e.getMessage());
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      SseWriter sse = new SseWriter(body, json);
      java.util.function.BooleanSupplier valid =
          exchange.getAttribute(STILL_VALID) instanceof java.util.function.BooleanSupplier b
              ? b
              : () -> true;
      try (EventSubscription sub = hub.subscribe(f, queueSize, lastId)) {
        sse.retry(RETRY_MILLIS);
        while (true) {
          ConsoleEvent e = sub.poll(heartbeat);
          if (!valid.getAsBoolean()) {
            sse.comment("the credentials of this stream are no longer valid");
            return;
          }
          if (e != null) {
            sse.event(e);
          } else if (sub.isEnded()) {
            return;
          } else {
            sse.comment("heartbeat");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client went away
      }
    }
  }

  private static void plain(HttpExchange exchange, int status, String message) throws IOException {
    byte[] b = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, b.length);
    exchange.getResponseBody().write(b);
  }

  private static long lastEventId(HttpExchange exchange, String query) {
    String v = exchange.getRequestHeaders().getFirst("Last-Event-ID");
    if (v == null || v.isBlank()) {
      List<String> q = param(query, "lastEventId");
      v = q.isEmpty() ? null : q.get(0);
    }
    if (v == null || v.isBlank()) {
      return -1;
    }
    try {
      long id = Long.parseLong(v.trim());
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Last-Event-ID must be a non-negative event id, got '" + v + "'", e);
    }
  }

  /** The comma-separated values of a query parameter (all its occurrences). */
  static List<String> param(String rawQuery, String name) {
    List<String> out = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (!k.equals(name) || eq < 0) {
        continue;
      }
      String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }
}
