package dev.console3270.audit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where audit archives and their keys live.
 *
 * @param archiveDirectory the encrypted archives ({@code audit-YYYYMMDD-NNN.jsonl.c3a})
 * @param masterKeyFile the master key that wraps each archive's data key (created owner-only when
 *     missing); outside {@code archiveDirectory}
 * @param indexFile the key index: wrapped data keys and tombstones of deleted archives; outside
 *     {@code archiveDirectory}
 */
public record ArchiveConfig(Path archiveDirectory, Path masterKeyFile, Path indexFile) {

  /** Checks that the key files are outside the archive directory. */
  public ArchiveConfig {
    Objects.requireNonNull(archiveDirectory, "archiveDirectory");
    Objects.requireNonNull(masterKeyFile, "masterKeyFile");
    Objects.requireNonNull(indexFile, "indexFile");
    Path dir = archiveDirectory.toAbsolutePath().normalize();
    for (Path p : new Path[] {masterKeyFile, indexFile}) {
      if (p.toAbsolutePath().normalize().startsWith(dir)) {
        throw new IllegalArgumentException(
            p + " must be kept outside the archive directory " + archiveDirectory);
      }
    }
    if (masterKeyFile.toAbsolutePath().normalize().equals(indexFile.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("the master key and the index must be different files");
    }
  }

  /**
   * The usual layout for the log directory {@code dir}: archives in {@code dir/archive}, the master
   * key {@code <dir>.archive.key} and the index {@code <dir>.archive-keys.json} beside {@code dir}
   * (e.g. {@code audit.archive.key} beside {@code audit/}).
   */
  public static ArchiveConfig defaults(Path auditDirectory) {
    Path abs = auditDirectory.toAbsolutePath().normalize();
    String name = abs.getFileName().toString();
    return new ArchiveConfig(
        abs.resolve("archive"),
        abs.resolveSibling(name + ".archive.key"),
        abs.resolveSibling(name + ".archive-keys.json"));
  }
}
