package dev.console3270.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the Server-Sent Events format (UTF-8): {@code id:}, {@code event:}, {@code data:} lines
 * ending with a blank line; data holding line breaks is split into one {@code data:} line per line;
 * comments ({@code : text}) serve as heartbeats. Not thread-safe.
 */
public final class SseWriter {
  private final OutputStream out;
  private final ObjectMapper json;

  /** Writes to {@code out} (not closed by this writer). */
  public SseWriter(OutputStream out) {
    this(out, new ObjectMapper());
  }

  /** Writes to {@code out}, encoding event data with {@code json}. */
  public SseWriter(OutputStream out, ObjectMapper json) {
    this.out = out;
    this.json = json;
  }

  /**
   * The JSON an event is sent as (one line): {@code {"id":..,"type":..,"time":..,"data":{..}}}.
   *
   * @throws IllegalArgumentException when its data is not JSON-able
   */
  public static String toJson(ObjectMapper json, ConsoleEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("type", e.type());
    m.put("time", e.time().toString());
    m.put("data", e.data());
    try {
      return json.writeValueAsString(m);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("event " + e.id() + " is not JSON-able: " + ex, ex);
    }
  }

  /** Writes {@code e} with its id, its type as the event name and its JSON as data, and flushes. */
  public void event(ConsoleEvent e) throws IOException {
    write(Long.toString(e.id()), e.type(), toJson(json, e));
  }

  /**
   * Writes one event and flushes.
   *
   * @param id the id, or null for none
   * @param event the event name, or null for the default ("message")
   * @param data the data; line breaks (CR, LF, CRLF) split it over several {@code data:} lines
   * @throws IllegalArgumentException when id or event holds a line break (or id a NUL)
   */
  public void write(String id, String event, String data) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (id != null) {
      single("id", id);
      if (id.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an SSE id must not hold NUL");
      }
      sb.append("id: ").append(id).append('\n');
    }
    if (event != null) {
      single("event", event);
      sb.append("event: ").append(event).append('\n');
    }
    for (String line : data.split("\r\n|\r|\n", -1)) {
      sb.append("data: ").append(line).append('\n');
    }
    sb.append('\n');
    send(sb);
  }

  /** Writes a comment line (a heartbeat) and flushes; line breaks become spaces. */
  public void comment(String text) throws IOException {
    send(new StringBuilder(": ").append(text.replaceAll("[\r\n]", " ")).append("\n\n"));
  }

  /** Writes the {@code retry:} field (reconnection time in milliseconds) and flushes. */
  public void retry(long millis) throws IOException {
    send(new StringBuilder("retry: ").append(millis).append("\n\n"));
  }

  private static void single(String field, String value) {
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("an SSE " + field + " must not hold a line break");
    }
  }

  private void send(StringBuilder sb) throws IOException {
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
