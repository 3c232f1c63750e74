package dev.console3270.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One audit event. The constructor normalises: the time is cut to milliseconds and the details
 * become an unmodifiable map sorted by key. Text fields may be empty, never null. {@link
 * AuditLog#append} stores {@link #masked()}: card numbers in every text field masked.
 *
 * @param seq the sequence number; assigned by {@link AuditLog} (whatever the caller passes is
 *     replaced), 1 for the first record ever
 * @param time when it happened (UTC, milliseconds)
 * @param user who did it (a user id, or empty)
 * @param type what happened
 * @param outcome how it ended
 * @param origin where from: host, address or process
 * @param resource what it was done to: a session, endpoint or file id
 * @param details small extra facts: at most {@value #MAX_DETAILS} entries, keys at most {@value
 *     #MAX_KEY} and values at most {@value #MAX_VALUE} characters
 */
public record AuditEvent(
    long seq,
    Instant time,
    String user,
    AuditType type,
    AuditOutcome outcome,
    String origin,
    String resource,
    Map<String, String> details) {

  /** Most entries in {@link #details}. */
  public static final int MAX_DETAILS = 32;

  /** Longest details key. */
  public static final int MAX_KEY = 64;

  /** Longest details value and longest user, origin or resource. */
  public static final int MAX_VALUE = 2048;

  /** Normalises and checks the fields; see the class comment. */
  public AuditEvent {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative: " + seq);
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(outcome, "outcome");
    time = time.truncatedTo(ChronoUnit.MILLIS);
    user = text("user", user);
    origin = text("origin", origin);
    resource = text("resource", resource);
    Objects.requireNonNull(details, "details");
    if (details.size() > MAX_DETAILS) {
      throw new IllegalArgumentException(
          "at most " + MAX_DETAILS + " details, got " + details.size());
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : details.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "details key");
      if (key.isEmpty() || key.length() > MAX_KEY) {
        throw new IllegalArgumentException(
            "details key must be 1 to " + MAX_KEY + " characters: '" + key + "'");
      }
      String value = Objects.requireNonNull(e.getValue(), () -> "details value of " + key);
      sorted.put(key, text("details value of " + key, value));
    }
    details = Collections.unmodifiableSortedMap(sorted);
  }

  /** An event stamped now by {@code clock}, for {@link AuditLog#append} (seq 0: unassigned). */
  public static AuditEvent of(
      Clock clock,
      String user,
      AuditType type,
      AuditOutcome outcome,
      String origin,
      String resource,
      Map<String, String> details) {
    return new AuditEvent(0, clock.instant(), user, type, outcome, origin, resource, details);
  }

  /** An event stamped now (system UTC clock), for {@link AuditLog#append}. */
  public static AuditEvent of(
      String user,
      AuditType type,
      AuditOutcome outcome,
      String origin,
      String resource,
      Map<String, String> details) {
    return of(Clock.systemUTC(), user, type, outcome, origin, resource, details);
  }

  /** This event with another sequence number. */
  public AuditEvent withSeq(long newSeq) {
    return new AuditEvent(newSeq, time, user, type, outcome, origin, resource, details);
  }

  private static String text(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.length() > MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " is longer than " + MAX_VALUE + " characters: " + value.length());
    }
    return value;
  }

  /**
   * This event with card numbers masked ({@link CardMasker}) in user, origin, resource and every
   * details key and value; this same instance when there is none.
   */
  public AuditEvent masked() {
    String u = CardMasker.mask(user);
    String o = CardMasker.mask(origin);
    String r = CardMasker.mask(resource);
    boolean changed = u != user || o != origin || r != resource;
    TreeMap<String, String> d = new TreeMap<>();
    for (Map.Entry<String, String> e : details.entrySet()) {
      String k = CardMasker.mask(e.getKey());
      String v = CardMasker.mask(e.getValue());
      changed |= k != e.getKey() || v != e.getValue();
      if (d.containsKey(k)) {
        // Two keys that differ only in a card number: keep both, told apart by a suffix.
        k = k + "#" + d.size();
      }
      d.put(k, v);
    }
    return changed ? new AuditEvent(seq, time, u, type, outcome, o, r, d) : this;
  }
}
