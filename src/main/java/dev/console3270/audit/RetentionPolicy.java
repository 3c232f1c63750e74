package dev.console3270.audit;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * How long audit records stay where.
 *
 * @param archiveAfter a closed log file is archived once its last record is this old
 * @param deleteAfter an archive is deleted (crypto-erased) once its last record is this old; not
 *     shorter than {@code archiveAfter}
 * @param holds legal holds: an archive with records of a held day is never deleted
 */
public record RetentionPolicy(Duration archiveAfter, Duration deleteAfter, List<LegalHold> holds) {

  /** Checks the values. */
  public RetentionPolicy {
    Objects.requireNonNull(archiveAfter, "archiveAfter");
    Objects.requireNonNull(deleteAfter, "deleteAfter");
    holds = List.copyOf(holds);
    if (archiveAfter.isNegative()) {
      throw new IllegalArgumentException("archiveAfter must not be negative: " + archiveAfter);
    }
    if (deleteAfter.compareTo(archiveAfter) < 0) {
      throw new IllegalArgumentException(
          "deleteAfter ("
              + deleteAfter
              + ") must not be shorter than archiveAfter ("
              + archiveAfter
              + ")");
    }
  }

  /** The holds that cover any day from {@code first} to {@code last}. */
  public List<LegalHold> holdsOn(LocalDate first, LocalDate last) {
    return holds.stream().filter(h -> h.overlaps(first, last)).toList();
  }
}
