package dev.console3270.api.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the console's stream.
 *
 * @param id its number: increasing in the order of publication (markers a subscriber gets, {@link
 *     #GAP} and {@link #DROPPED}, carry the id from which a reconnect resumes)
 * @param time when it was published
 * @param type its dotted type, e.g. {@code session.created}
 * @param data JSON-able facts (strings, numbers, booleans, null, lists and maps of those);
 *     unmodifiable, in insertion order
 */
public record ConsoleEvent(long id, Instant time, String type, Map<String, Object> data) {

  /** A session was added to the pool. */
  public static final String SESSION_CREATED = "session.created";

  /** A pooled session's lifecycle event (state change, migration, failover, close, error). */
  public static final String SESSION_STATE = "session.state";

  /** A session's screen changed (coalesced per session). */
  public static final String SESSION_SCREEN = "session.screen";

  /** An endpoint went UP or DOWN. */
  public static final String ENDPOINT_HEALTH = "endpoint.health";

  /** An endpoint was enabled, drained or disabled. */
  public static final String ENDPOINT_ADMIN = "endpoint.admin";

  /** An audit record was written. */
  public static final String AUDIT_RECORD = "audit.record";

  /** A webhook subscription was disabled by the dispatcher. */
  public static final String WEBHOOK_DISABLED = "webhook.disabled";

  /** Marker: events the subscriber asked for are no longer buffered. */
  public static final String GAP = "stream.gap";

  /** Marker: the subscriber was too slow and is cut off; this is its last event. */
  public static final String DROPPED = "stream.dropped";

  /** Checks the fields and copies {@code data}. */
  public ConsoleEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    if (type.isBlank()) {
      throw new IllegalArgumentException("event type must not be blank");
    }
    data = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(data, "data")));
  }

  /** True for the per-subscriber markers {@link #GAP} and {@link #DROPPED}. */
  public boolean isMarker() {
    return type.equals(GAP) || type.equals(DROPPED);
  }
}
