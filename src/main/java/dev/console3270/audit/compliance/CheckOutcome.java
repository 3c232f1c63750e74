package dev.console3270.audit.compliance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Check} found.
 *
 * @param status pass, fail or not applicable
 * @param evidence what was looked at and the values observed, in a stable order
 * @param violations one line per thing that breaks the rule (empty unless FAIL)
 */
public record CheckOutcome(
    RuleStatus status, Map<String, String> evidence, List<String> violations) {

  /** Copies the map (keeping its order) and the list. */
  public CheckOutcome {
    Objects.requireNonNull(status, "status");
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    violations = List.copyOf(violations);
  }
}
