package dev.console3270.audit;

import static dev.console3270.audit.AuditTesting.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail keeps everything it writes owner-only: the configuration directory it creates,
 * the log directory, log files, key, anchor, archives, archive key and index (the machine may run
 * the tests as root; the bits are set and read all the same).
 */
class AuditPermissionsTest {

  @TempDir Path tmp;

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Every path under {@code root} (itself included) with its permissions, e.g. "x rw-------". */
  private static List<String> tree(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        out.add(root.relativize(p) + (Files.isDirectory(p) ? "/ " : " ") + perms(p));
      }
    }
    return out;
  }

  @Test
  void aFreshConfigDirectoryAndEverythingInItAreOwnerOnly() throws Exception {
    Path cfg = tmp.resolve("cfg");
    Path dir = cfg.resolve("audit");
    Path key = cfg.resolve("audit.key");
    MutableClock clock = new MutableClock(Instant.parse("2024-01-01T10:00:00Z"));
    AuditConfig config = AuditConfig.defaults(dir, key).withClock(clock);
    ArchiveConfig archive = ArchiveConfig.defaults(dir);
    for (int day = 0; day < 2; day++) {
      try (AuditLog log = AuditLog.open(config)) {
        for (int i = 0; i < 5; i++) {
          log.append(event(day * 10 + i));
        }
      }
      clock.advance(Duration.ofDays(1));
    }
    RetentionPolicy keep = new RetentionPolicy(Duration.ofDays(1), Duration.ofDays(30), List.of());
    try (AuditLog log = AuditLog.open(config)) {
      RetentionRun run = new AuditRetention(config, ArchiveStore.open(archive), keep, log).run();
      assertThat(run.errors()).isEmpty();
      assertThat(run.archived()).isNotEmpty();
    }
    assertThat(config.anchorFile()).exists();
    assertThat(archive.indexFile()).exists();
    List<String> all = tree(cfg);
    assertThat(all)
        .as("every directory rwx------, every file rw-------")
        .allMatch(
            l -> l.endsWith("/ rwx------") || (!l.contains("/ ") && l.endsWith(" rw-------")));
    assertThat(all)
        .anyMatch(l -> l.startsWith("audit/archive/") && l.contains(".c3a "))
        .anyMatch(l -> l.startsWith("audit/audit-") && l.contains(".jsonl "))
        .anyMatch(l -> l.startsWith("audit.key.anchor "))
        .anyMatch(l -> l.startsWith("audit.archive.key "));
  }

  @Test
  void filesAndDirectoriesAnEarlierVersionLeftOpenAreTightened() throws Exception {
    Path dir = tmp.resolve("audit");
    Path key = tmp.resolve("audit.key");
    AuditConfig config = AuditConfig.defaults(dir, key);
    try (AuditLog log = AuditLog.open(config)) {
      log.append(event(1));
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<Path> loosened = new ArrayList<>(List.of(key, config.anchorFile()));
    try (Stream<Path> s = Files.list(dir)) {
      loosened.addAll(s.toList());
    }
    for (Path p : loosened) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }
    try (AuditLog log = AuditLog.open(config)) {
      log.append(event(2));
    }
    assertThat(perms(dir)).isEqualTo("rwx------");
    for (Path p : loosened) {
      assertThat(perms(p)).as(p.toString()).isEqualTo("rw-------");
    }
  }

  @Test
  void privateFilesCreatesMissingDirectoriesOwnerOnlyAndLeavesExistingOnes() throws Exception {
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    PrivateFiles.createDirectories(tmp.resolve("a/b"));
    assertThat(perms(tmp)).isEqualTo("rwxr-xr-x");
    assertThat(perms(tmp.resolve("a"))).isEqualTo("rwx------");
    assertThat(perms(tmp.resolve("a/b"))).isEqualTo("rwx------");
  }
}
