package dev.console3270.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * What remains of an archive deleted by retention: its chain heads, when it was deleted and the seq
 * of the RETENTION event that records the deletion in the live chain. Kept in the key index with a
 * MAC under the master key, so verification continues across the gap and knows it is expected.
 *
 * @param header the deleted archive's chain heads
 * @param deletedAt when it was deleted
 * @param eventSeq the seq of the RETENTION event that records the deletion
 * @param reason why it was deleted
 */
public record ArchiveTombstone(
    ArchiveHeader header, Instant deletedAt, long eventSeq, String reason) {

  /** Checks the values. */
  public ArchiveTombstone {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Objects.requireNonNull(reason, "reason");
  }
}
