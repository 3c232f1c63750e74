package dev.console3270.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The chain heads of one archive, stored in its authenticated header (the AES-GCM additional data)
 * and copied into the key index; verification uses them to continue the chain across archives and
 * across archives deleted by retention.
 *
 * @param name the archive's file name
 * @param files the log files it holds, in chain order
 * @param firstSeq the seq of its first record
 * @param lastSeq the seq of its last record
 * @param firstPrev the {@code prev} of its first record (the hash of the record before it)
 * @param lastHash the SHA-256 of its last record's line
 * @param firstTime the time of its first record
 * @param lastTime the time of its last record
 * @param records how many records it holds
 * @param sha256 the SHA-256 of the log file bytes it holds (all files, concatenated)
 */
public record ArchiveHeader(
    String name,
    List<String> files,
    long firstSeq,
    long lastSeq,
    String firstPrev,
    String lastHash,
    Instant firstTime,
    Instant lastTime,
    long records,
    String sha256) {

  /** Checks the values. */
  public ArchiveHeader {
    Objects.requireNonNull(name, "name");
    files = List.copyOf(files);
    Objects.requireNonNull(firstPrev, "firstPrev");
    Objects.requireNonNull(lastHash, "lastHash");
    Objects.requireNonNull(firstTime, "firstTime");
    Objects.requireNonNull(lastTime, "lastTime");
    Objects.requireNonNull(sha256, "sha256");
    if (firstSeq < 1 || lastSeq < firstSeq) {
      throw new IllegalArgumentException("bad seq range " + firstSeq + " to " + lastSeq);
    }
  }

  /** The UTC day of the first record. */
  public LocalDate firstDay() {
    return LocalDate.ofInstant(firstTime, ZoneOffset.UTC);
  }

  /** The UTC day of the last record. */
  public LocalDate lastDay() {
    return LocalDate.ofInstant(lastTime, ZoneOffset.UTC);
  }
}
