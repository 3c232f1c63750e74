package dev.console3270.audit;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A legal hold: no archive holding records of a day from {@code from} to {@code to} (inclusive, UTC
 * days) is deleted while the hold is in the {@link RetentionPolicy}.
 *
 * @param from the first day held
 * @param to the last day held (not before {@code from})
 * @param reason why (a case or ticket reference), not blank
 */
public record LegalHold(LocalDate from, LocalDate to, String reason) {

  /** Checks the values. */
  public LegalHold {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "legal hold ends (" + to + ") before it starts (" + from + ")");
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a legal hold needs a reason");
    }
  }

  /** Whether the hold covers any day from {@code first} to {@code last} (inclusive). */
  public boolean overlaps(LocalDate first, LocalDate last) {
    return !from.isAfter(last) && !to.isBefore(first);
  }
}
