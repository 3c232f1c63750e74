package dev.console3270.api.events;

import dev.console3270.audit.AuditType;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which events a subscriber sees (the caller's rights, the types it asked for). Markers
 * ({@link ConsoleEvent#GAP}, {@link ConsoleEvent#DROPPED}) bypass filters.
 */
@FunctionalInterface
public interface EventFilter {
  /** True when the subscriber may see {@code event}. */
  boolean allows(ConsoleEvent event);

  /** Every event. */
  static EventFilter all() {
    return e -> true;
  }

  /**
   * Events whose type matches one of {@code patterns} (see {@link TypePattern}); every event when
   * {@code patterns} is empty.
   *
   * @throws IllegalArgumentException for a malformed pattern
   */
  static EventFilter types(Collection<String> patterns) {
    List<TypePattern> parsed = TypePattern.all(patterns);
    if (parsed.isEmpty()) {
      return all();
    }
    return e -> TypePattern.anyMatch(parsed, e.type());
  }

  /**
   * Lets through every event except {@code audit.record} events whose audit type is not in {@code
   * visible}: the router builds one per caller from its rights.
   */
  static EventFilter auditTypes(Set<AuditType> visible) {
    Set<String> names = new java.util.HashSet<>();
    for (AuditType t : visible.isEmpty() ? EnumSet.noneOf(AuditType.class) : visible) {
      names.add(t.name());
    }
    return e ->
        !e.type().equals(ConsoleEvent.AUDIT_RECORD)
            || names.contains(String.valueOf(e.data().get("auditType")));
  }

  /** Both this and {@code other}. */
  default EventFilter and(EventFilter other) {
    return e -> allows(e) && other.allows(e);
  }
}
