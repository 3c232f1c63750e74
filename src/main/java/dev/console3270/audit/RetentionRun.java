package dev.console3270.audit;

import java.util.List;

/**
 * What one {@link AuditRetention#run()} did.
 *
 * @param archived the log files archived (their names)
 * @param deleted the archives deleted (crypto-erased)
 * @param held the archives due for deletion but kept by a legal hold
 * @param errors what went wrong; each left the files concerned as they were
 */
public record RetentionRun(
    List<String> archived, List<String> deleted, List<Held> held, List<String> errors) {

  /** Copies the lists. */
  public RetentionRun {
    archived = List.copyOf(archived);
    deleted = List.copyOf(deleted);
    held = List.copyOf(held);
    errors = List.copyOf(errors);
  }

  /**
   * An archive kept by legal holds.
   *
   * @param archive its name
   * @param holds the holds that keep it
   */
  public record Held(String archive, List<LegalHold> holds) {
    /** Copies the list. */
    public Held {
      holds = List.copyOf(holds);
    }
  }

  /** Whether the run had no error. */
  public boolean ok() {
    return errors.isEmpty();
  }
}
